package org.barometer.bench.forms;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.barometer.forms.FormException;
import org.barometer.forms.engine.AnswerEngine;
import org.barometer.forms.engine.Page;
import org.barometer.forms.engine.SaveResult;
import org.barometer.forms.expr.EvaluationContext;
import org.barometer.forms.expr.Expression;
import org.barometer.forms.expr.ExpressionSyntaxException;
import org.barometer.forms.expr.Value;
import org.barometer.forms.model.Form;
import org.barometer.forms.model.Question;
import org.barometer.forms.xlsform.XlsFormReader;
import org.barometer.forms.xlsform.XlsFormWriter;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The questionnaire engine at work, each against a peer doing the bare minimum of the same job in this JVM:
 * <ul>
 *   <li>{@code load500} reads and checks a generated 500-question XLSForm (two languages, routing on almost every
 *       question); its peer {@code load500RawCells} only reads every cell of the same file with fastexcel, so the
 *       ratio is the price of building the model and checking every expression;</li>
 *   <li>{@code savePage200} saves one page of a 200-question form: merges the page's answers, checks required,
 *       types, choices and constraints, and recomputes relevance of the whole form to clear irrelevant answers
 *       (target: under 1 ms); its peer {@code evaluate200Raw} evaluates each of the form's routing and constraint
 *       expressions once from a plain map, the least any page save must do.</li>
 * </ul>
 * <pre>
 * ./barometer bench forms        (or: java -jar bench/target/benchmarks.jar FormsBench)
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FormsBench {
    private byte[] xlsx500;
    private AnswerEngine engine200;
    private Map<String, String> answers200;
    private int page;
    private Map<String, String> pageAnswers;
    private List<Expression> expressions200;
    private EvaluationContext context200;

    @Setup
    public void setUp() throws FormException, ExpressionSyntaxException {
        xlsx500 = XlsFormWriter.write(SyntheticForm.of(500, 10));
        if (XlsFormReader.read(xlsx500, "synthetic500.xlsx").questions().size() != 500 + 50) {
            throw new IllegalStateException("the generated form does not read back");
        }
        Form form200 = SyntheticForm.of(200, 10);
        engine200 = AnswerEngine.of(form200);
        answers200 = SyntheticForm.answers(200);
        page = 10;
        Page saved = engine200.pages().get(page);
        pageAnswers = new HashMap<>();
        for (String name : saved.questions()) {
            if (answers200.containsKey(name)) {
                pageAnswers.put(name, answers200.get(name));
            }
        }
        SaveResult check = engine200.savePage(page, answers200, pageAnswers, "da");
        if (!check.accepted() || !check.cleared().isEmpty()) {
            throw new IllegalStateException("the page save should be accepted and clear nothing: " + check);
        }
        expressions200 = new ArrayList<>();
        Map<String, Value> values = new HashMap<>();
        answers200.forEach((k, v) -> values.put(k, Value.of(v)));
        for (Question q : form200.questions()) {
            for (String source : new String[] {q.relevant(), q.constraint(), q.calculation()}) {
                if (source != null) {
                    expressions200.add(Expression.parse(source));
                }
            }
        }
        context200 = EvaluationContext.of(values, Value.of("42"), java.time.LocalDate.of(2020, 1, 15));
    }

    @Benchmark
    public Form load500() throws FormException {
        return XlsFormReader.read(xlsx500, "synthetic500.xlsx");
    }

    @Benchmark
    public int load500RawCells() throws IOException {
        int cells = 0;
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx500))) {
            for (var sheet : workbook.getSheets().toList()) {
                for (Row row : sheet.read()) {
                    for (Cell cell : row) {
                        if (cell != null && cell.getText() != null) {
                            cells++;
                        }
                    }
                }
            }
        }
        return cells;
    }

    @Benchmark
    public SaveResult savePage200() {
        return engine200.savePage(page, answers200, pageAnswers, "da");
    }

    @Benchmark
    public int evaluate200Raw() {
        int trues = 0;
        for (Expression e : expressions200) {
            if (e.evaluate(context200).asBoolean()) {
                trues++;
            }
        }
        return trues;
    }
}
