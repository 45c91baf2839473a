package org.barometer.bench.forms;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.barometer.forms.expr.EvaluationContext;
import org.barometer.forms.expr.Expression;
import org.barometer.forms.expr.ExpressionSyntaxException;
import org.barometer.forms.expr.Value;
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
import org.w3c.dom.Document;

/**
 * Evaluating the expressions of one page save: 300 routing and constraint expressions over the answers to a
 * 200-question form. The peer is the JDK's own XPath 1.0 engine ({@code javax.xml.xpath}) evaluating the same
 * expressions, written with XPath variables ({@code $q1}) instead of {@code ${q1}}, precompiled, on the same
 * answers. Setup checks that both engines give the same result for every expression, so the two sides do the
 * same work. Report the ratio of the two times, not the absolute numbers.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar ExpressionBench
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ExpressionBench {

    /** Expression shapes found in real forms; %1$d..%3$d pick questions. Only XPath 1.0 common to both engines. */
    private static final String[] SHAPES = {
        "${n%1$d} >= 18 and ${n%2$d} <= 65",
        "${s%1$d} = 'yes' or ${s%2$d} = 'dont_know'",
        "not(${s%1$d} = '')",
        "(${n%1$d} + ${n%2$d}) * 2 > ${n%3$d} div 4",
        "string-length(${t%1$d}) > 2 and contains(${t%2$d}, 'a')",
        "concat(${t%1$d}, ' ', ${s%2$d}) != ''",
        "${n%1$d} mod 7 = 3 or -${n%2$d} < -100",
        "starts-with(${t%1$d}, 'Ad') or ${e%2$d} = ''",
    };
    private static final int EXPRESSIONS_PER_PAGE = 300;

    private final Map<String, Object> answers = new HashMap<>();
    private final List<String> sources = new ArrayList<>();
    private Expression[] barometer;
    private XPathExpression[] jdk;
    private EvaluationContext context;
    /** The JDK engine needs a context node; the expressions never look at it. */
    private Document emptyDocument;

    @Setup
    public void setUp() throws ExpressionSyntaxException, XPathExpressionException, ParserConfigurationException {
        // 200 questions: 80 numeric, 50 choice, 50 text, 20 unanswered.
        for (int i = 1; i <= 80; i++) {
            answers.put("n" + i, (double) (i * 37 % 120));
        }
        String[] choices = {"yes", "no", "dont_know"};
        for (int i = 1; i <= 50; i++) {
            answers.put("s" + i, choices[i % 3]);
        }
        String[] texts = {"Ada", "Aarhus kommune", "x", "Region Hovedstaden", "ok"};
        for (int i = 1; i <= 50; i++) {
            answers.put("t" + i, texts[i % texts.length]);
        }
        for (int i = 1; i <= 20; i++) {
            answers.put("e" + i, "");
        }
        for (int k = 0; k < EXPRESSIONS_PER_PAGE; k++) {
            String shape = SHAPES[k % SHAPES.length];
            sources.add(String.format(shape, 1 + k % 50, 1 + (k * 7) % 20, 1 + (k * 13) % 80));
        }

        Map<String, Value> values = new HashMap<>();
        answers.forEach((name, v) -> values.put(name, v instanceof Double d ? Value.of(d) : Value.of((String) v)));
        context = EvaluationContext.of(values, Value.EMPTY, LocalDate.of(2026, 11, 27));
        barometer = new Expression[sources.size()];
        for (int i = 0; i < sources.size(); i++) {
            barometer[i] = Expression.parse(sources.get(i));
        }

        emptyDocument = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        XPath xpath = XPathFactory.newInstance().newXPath();
        xpath.setXPathVariableResolver(name -> answers.get(name.getLocalPart()));
        jdk = new XPathExpression[sources.size()];
        for (int i = 0; i < sources.size(); i++) {
            jdk[i] = xpath.compile(toXPathVariables(sources.get(i)));
        }

        for (int i = 0; i < sources.size(); i++) {
            boolean ours = barometer[i].evaluate(context).asBoolean();
            boolean theirs = (Boolean) jdk[i].evaluate(emptyDocument, XPathConstants.BOOLEAN);
            if (ours != theirs) {
                throw new IllegalStateException("engines disagree on " + sources.get(i) + ": " + ours + " vs " + theirs);
            }
        }
    }

    private static String toXPathVariables(String source) {
        return source.replaceAll("\\$\\{([A-Za-z0-9_]+)}", "\\$$1");
    }

    /** Evaluates the page's expressions with Barometer's evaluator; returns how many are true. */
    @Benchmark
    public int barometerEvaluatePage() {
        int trues = 0;
        for (Expression e : barometer) {
            if (e.evaluate(context).asBoolean()) {
                trues++;
            }
        }
        return trues;
    }

    /** The same with the JDK's XPath engine, expressions compiled once. */
    @Benchmark
    public int jdkXPathEvaluatePage() throws XPathExpressionException {
        int trues = 0;
        for (XPathExpression e : jdk) {
            if ((Boolean) e.evaluate(emptyDocument, XPathConstants.BOOLEAN)) {
                trues++;
            }
        }
        return trues;
    }

    /** Parsing the page's expressions (done once per form version, not per save). */
    @Benchmark
    public int barometerParsePage() throws ExpressionSyntaxException {
        int nodes = 0;
        for (String s : sources) {
            nodes += Expression.parse(s).hashCode();
        }
        return nodes;
    }

    /** Compiling them with the JDK's XPath engine. */
    @Benchmark
    public int jdkXPathCompilePage() throws XPathExpressionException {
        XPath xpath = XPathFactory.newInstance().newXPath();
        xpath.setXPathVariableResolver(name -> answers.get(name.getLocalPart()));
        int count = 0;
        for (String s : sources) {
            count += xpath.compile(toXPathVariables(s)).hashCode() & 1;
        }
        return count;
    }
}
