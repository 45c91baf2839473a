package org.barometer.forms.codebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import org.barometer.forms.expr.BinaryOperator;
import org.barometer.forms.expr.Expression;
import org.barometer.forms.expr.ExpressionSyntaxException;
import org.barometer.forms.i18n.FormTexts;
import org.barometer.forms.model.Choice;
import org.barometer.forms.model.Form;
import org.barometer.forms.model.Question;
import org.barometer.forms.model.QuestionType;

/**
 * Renders XLSForm conditions as words, using the questions' labels and the choices' labels:
 * {@code selected(${tech_role}, 'solution') or selected(${tech_role}, 'important')} becomes
 * "'To what extent is technology part of…' is 'Itself a technological solution' or 'An important part'".
 *
 * <p>A calculation with a label reads as that label when it is used as a condition ({@code ${innovator} = 1}
 * reads as the innovator calculation's label), so a form can name its derived conditions in plain words.
 * Anything without a wording of its own is shown as its source with each {@code ${name}} replaced by the label.
 */
final class RoutingText {
    private static final int LABEL_LENGTH = 45;

    private final Form form;
    private final String language;
    private final ResourceBundle words;

    RoutingText(Form form, String language) {
        this.form = form;
        this.language = language;
        this.words = ResourceBundle.getBundle("org.barometer.forms.codebook.words", FormTexts.locale(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    String word(String key) {
        return words.getString(key);
    }

    String word(String key, String argument) {
        return words.getString(key).replace("{0}", argument);
    }

    /** The routing of an item whose conditions (outermost group first) are given; "asked of everyone" if none. */
    String routing(List<String> conditions) {
        List<String> parts = new ArrayList<>();
        for (String condition : conditions) {
            parts.add(condition(condition, conditions.size() > 1));
        }
        return parts.isEmpty() ? word("everyone") : word("asked_if", String.join(" " + word("and") + " ", parts));
    }

    /** One condition in words; wrapped in parentheses when it is an "or" joined to others with "and". */
    String condition(String source, boolean joined) {
        Expression e;
        try {
            e = Expression.parse(source);
        } catch (ExpressionSyntaxException ex) {
            return source;
        }
        String text = words(e);
        return joined && e instanceof Expression.Binary b && b.operator() == BinaryOperator.OR ? "(" + text + ")"
                : text;
    }

    private String words(Expression e) {
        return switch (e) {
            case Expression.Binary b when b.operator() == BinaryOperator.OR -> or(b);
            case Expression.Binary b when b.operator() == BinaryOperator.AND ->
                    wrapOr(b.left()) + " " + word("and") + " " + wrapOr(b.right());
            case Expression.Binary b -> comparison(b);
            case Expression.FunctionCall f when f.name().equals("not") && f.arguments().size() == 1 ->
                    word("not", words(f.arguments().getFirst()));
            case Expression.FunctionCall f when f.name().equals("selected") && f.arguments().size() == 2
                    && f.arguments().get(0) instanceof Expression.Reference r
                    && f.arguments().get(1) instanceof Expression.StringLiteral s ->
                    quote(label(r.name())) + " " + word(isMultiple(r.name()) ? "includes" : "is") + " "
                            + quote(choiceLabel(r.name(), s.value()));
            case Expression.FunctionCall f when f.name().equals("if") && f.arguments().size() == 3 ->
                    word("if_then").replace("{0}", words(f.arguments().get(0)))
                            .replace("{1}", value(f.arguments().get(1)))
                            .replace("{2}", value(f.arguments().get(2)));
            case Expression.Reference r when describedCalculation(r.name()).isPresent() ->
                    describedCalculation(r.name()).get();
            default -> generic(e);
        };
    }

    /** A branch of if(): literals as written, anything else in words, parenthesised. */
    private String value(Expression e) {
        return switch (e) {
            case Expression.NumberLiteral n -> n.toSource();
            case Expression.StringLiteral s -> s.toSource();
            case Expression.Reference r -> quote(label(r.name()));
            default -> "(" + words(e) + ")";
        };
    }

    private String wrapOr(Expression e) {
        String text = words(e);
        return e instanceof Expression.Binary b && b.operator() == BinaryOperator.OR ? "(" + text + ")" : text;
    }

    /** "A or B", merging "'Q' is 'a' or 'Q' is 'b'" into "'Q' is 'a' or 'b'". */
    private String or(Expression.Binary b) {
        List<Expression> terms = new ArrayList<>();
        flattenOr(b, terms);
        List<String> out = new ArrayList<>();
        String previousQuestion = null;
        for (Expression term : terms) {
            String question = selectedQuestion(term);
            if (question != null && question.equals(previousQuestion)) {
                out.add(quote(choiceLabel(question, selectedChoice(term))));
            } else {
                out.add(words(term));
            }
            previousQuestion = question;
        }
        return String.join(" " + word("or") + " ", out);
    }

    private static void flattenOr(Expression e, List<Expression> out) {
        if (e instanceof Expression.Binary b && b.operator() == BinaryOperator.OR) {
            flattenOr(b.left(), out);
            flattenOr(b.right(), out);
        } else {
            out.add(e);
        }
    }

    /** The question of {@code selected(${q}, 'c')} or {@code ${q} = 'c'}, else null. */
    private static String selectedQuestion(Expression e) {
        if (e instanceof Expression.FunctionCall f && f.name().equals("selected") && f.arguments().size() == 2
                && f.arguments().get(0) instanceof Expression.Reference r
                && f.arguments().get(1) instanceof Expression.StringLiteral) {
            return r.name();
        }
        if (e instanceof Expression.Binary b && b.operator() == BinaryOperator.EQ
                && b.left() instanceof Expression.Reference r && b.right() instanceof Expression.StringLiteral) {
            return r.name();
        }
        return null;
    }

    private static String selectedChoice(Expression e) {
        if (e instanceof Expression.FunctionCall f) {
            return ((Expression.StringLiteral) f.arguments().get(1)).value();
        }
        return ((Expression.StringLiteral) ((Expression.Binary) e).right()).value();
    }

    private String comparison(Expression.Binary b) {
        if (b.left() instanceof Expression.Reference r) {
            Optional<String> described = describedCalculation(r.name());
            if (described.isPresent() && (b.operator() == BinaryOperator.EQ || b.operator() == BinaryOperator.NE)
                    && isTruthLiteral(b.right()) != null) {
                boolean holds = isTruthLiteral(b.right()) == (b.operator() == BinaryOperator.EQ);
                return holds ? described.get() : word("not", described.get());
            }
            String subject = quote(label(r.name()));
            if (b.right() instanceof Expression.StringLiteral s && s.value().isEmpty()) {
                if (b.operator() == BinaryOperator.EQ) {
                    return subject + " " + word("not_answered");
                }
                if (b.operator() == BinaryOperator.NE) {
                    return subject + " " + word("answered");
                }
            }
            String verb = switch (b.operator()) {
                case EQ -> word("is");
                case NE -> word("is_not");
                case LT -> word("lt");
                case LE -> word("le");
                case GT -> word("gt");
                case GE -> word("ge");
                default -> null;
            };
            if (verb != null && (b.right() instanceof Expression.StringLiteral
                    || b.right() instanceof Expression.NumberLiteral)) {
                String value = b.right() instanceof Expression.StringLiteral s
                        ? quote(isSelect(r.name()) ? choiceLabel(r.name(), s.value()) : s.value())
                        : b.right().toSource();
                return subject + " " + verb + " " + value;
            }
        }
        return generic(b);
    }

    /** True for 1 / 'yes' / true(), false for 0 / 'no' / false(), null for anything else. */
    private static Boolean isTruthLiteral(Expression e) {
        String source = e.toSource();
        return switch (source) {
            case "1", "'yes'", "true()", "'true'" -> true;
            case "0", "'no'", "false()", "'false'" -> false;
            default -> null;
        };
    }

    private String generic(Expression e) {
        String source = e.toSource();
        for (String name : e.references()) {
            source = source.replace("${" + name + "}", quote(label(name)));
        }
        return source;
    }

    private Optional<String> describedCalculation(String name) {
        return form.question(name).filter(q -> q.type() == QuestionType.CALCULATE && !q.label().isEmpty())
                .map(q -> q.label().in(language, form.defaultLanguage()));
    }

    private boolean isMultiple(String name) {
        return form.question(name).map(q -> q.type() == QuestionType.SELECT_MULTIPLE).orElse(false);
    }

    private boolean isSelect(String name) {
        return form.question(name).map(q -> q.type().isSelect()).orElse(false);
    }

    /** A question's label, shortened at a word boundary; its name when it has no label. */
    String label(String name) {
        Optional<Question> question = form.question(name);
        String label = question.map(q -> q.label().in(language, form.defaultLanguage())).orElse("");
        if (label.isBlank()) {
            return name;
        }
        if (label.length() <= LABEL_LENGTH) {
            return label;
        }
        int cut = label.lastIndexOf(' ', LABEL_LENGTH);
        return label.substring(0, cut > 20 ? cut : LABEL_LENGTH).stripTrailing() + "…";
    }

    String choiceLabel(String question, String choiceName) {
        Optional<Question> q = form.question(question);
        if (q.isPresent() && q.get().orOther() && choiceName.equals(Question.OTHER_CHOICE)) {
            return word("other");
        }
        return q.flatMap(x -> form.choiceList(x.listName())).flatMap(l -> l.choice(choiceName))
                .map(Choice::label).map(t -> t.in(language, form.defaultLanguage())).filter(s -> !s.isBlank())
                .orElse(choiceName);
    }

    private static String quote(String text) {
        return "'" + text + "'";
    }
}
