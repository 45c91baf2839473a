package org.barometer.forms.innovation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.forms.model.Choice;
import org.barometer.forms.model.ChoiceList;
import org.barometer.forms.model.Form;
import org.barometer.forms.model.Group;
import org.barometer.forms.model.Item;
import org.barometer.forms.model.Question;
import org.barometer.forms.model.QuestionType;
import org.barometer.forms.model.Text;
import org.barometer.forms.xlsform.XlsFormWriter;

/**
 * Generates the Innovation Barometer questionnaire (2018–19 edition), in Danish and English, as the XLSForm
 * committed at {@value #RESOURCE}. Run {@code main} after changing it; {@code InnovationBarometerFormTest} fails
 * while the committed file and this generator disagree.
 *
 * <p>The routing gives the publication's bases: everyone (2,271) answers the innovation filter, the culture
 * statements and the background; innovators (1,877: at least one "yes" in the filter) answer about their latest
 * innovation; technological innovators (733: technology is the solution itself or an important part of it) are
 * asked whether the technology was new, to describe it and whether it concerns core tasks.
 */
public final class InnovationBarometerForm {
    /** Where the generated form is kept, relative to the {@code forms} module. */
    public static final String RESOURCE = "src/test/resources/org/barometer/forms/innovation-barometer-2019.xlsx";
    /** The same file on the class path. */
    public static final String CLASSPATH = "/org/barometer/forms/innovation-barometer-2019.xlsx";

    static final String DA = "Dansk (da)";
    static final String EN = "English (en)";

    /** Technological innovation: the innovation is itself a technological solution or technology is important. */
    static final String TECH = "selected(${tech_role}, 'solution') or selected(${tech_role}, 'important')";

    private InnovationBarometerForm() {}

    /** Writes the form to {@code forms/src/test/resources/…} (run from the repository root or {@code forms/}). */
    public static void main(String[] args) throws IOException {
        Path target = Files.isDirectory(Path.of("forms")) ? Path.of("forms", RESOURCE) : Path.of(RESOURCE);
        Files.write(target, XlsFormWriter.write(form()));
        System.out.println("wrote " + target.toAbsolutePath());
    }

    private static Text t(String da, String en) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(DA, da);
        m.put(EN, en);
        return new Text(m);
    }

    private static Question q(QuestionType type, String name, String list, Text label, String relevant) {
        return new Question(name, type, list, false, label, null, "true()", null, relevant, null, null, null, null,
                null, null, null);
    }

    private static Question select(String name, String list, Text label) {
        return q(QuestionType.SELECT_ONE, name, list, label, null);
    }

    private static Question withRelevant(Question q, String relevant) {
        return new Question(q.name(), q.type(), q.listName(), q.orOther(), q.label(), q.hint(), q.required(),
                q.requiredMessage(), relevant, q.constraint(), q.constraintMessage(), q.calculation(),
                q.choiceFilter(), q.appearance(), q.defaultValue(), q.readOnly());
    }

    private static Question withHint(Question q, Text hint) {
        return new Question(q.name(), q.type(), q.listName(), q.orOther(), q.label(), hint, q.required(),
                q.requiredMessage(), q.relevant(), q.constraint(), q.constraintMessage(), q.calculation(),
                q.choiceFilter(), q.appearance(), q.defaultValue(), q.readOnly());
    }

    private static Question withConstraint(Question q, String constraint, Text message) {
        return new Question(q.name(), q.type(), q.listName(), q.orOther(), q.label(), q.hint(), q.required(),
                q.requiredMessage(), q.relevant(), constraint, message, q.calculation(), q.choiceFilter(),
                q.appearance(), q.defaultValue(), q.readOnly());
    }

    private static Question withAppearance(Question q, String appearance) {
        return new Question(q.name(), q.type(), q.listName(), q.orOther(), q.label(), q.hint(), q.required(),
                q.requiredMessage(), q.relevant(), q.constraint(), q.constraintMessage(), q.calculation(),
                q.choiceFilter(), appearance, q.defaultValue(), q.readOnly());
    }

    private static Question optional(Question q) {
        return new Question(q.name(), q.type(), q.listName(), q.orOther(), q.label(), q.hint(), null,
                q.requiredMessage(), q.relevant(), q.constraint(), q.constraintMessage(), q.calculation(),
                q.choiceFilter(), q.appearance(), q.defaultValue(), q.readOnly());
    }

    /** A calculation; its label says in words what it computes (the codebook uses it for routing). */
    private static Question calculate(String name, Text label, String calculation) {
        return new Question(name, QuestionType.CALCULATE, null, false, label, null, null, null, null, null, null,
                calculation, null, null, null, null);
    }

    private static Question note(String name, Text label) {
        return new Question(name, QuestionType.NOTE, null, false, label, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    private static Group group(String name, Text label, String relevant, String appearance, Item... items) {
        return new Group(name, label, relevant, appearance, List.of(items));
    }

    /** The questionnaire. */
    public static Form form() {
        Map<String, ChoiceList> lists = new LinkedHashMap<>();
        list(lists, "yes_no_dk",
                "yes", t("Ja", "Yes"),
                "no", t("Nej", "No"),
                "dont_know", t("Ved ikke", "Don't know"));
        list(lists, "innovation_type",
                "service", t("En ny eller væsentligt ændret service eller et produkt",
                        "A new or significantly changed service or product"),
                "process", t("En ny eller væsentligt ændret proces", "A new or significantly changed process"),
                "organisation", t("En ny eller væsentligt ændret måde at organisere arbejdet på",
                        "A new or significantly changed way of organising the work"),
                "communication", t("En ny eller væsentligt ændret måde at kommunikere på",
                        "A new or significantly changed way of communicating"));
        list(lists, "novelty",
                "new", t("Vi udviklede den selv; den var ny", "We developed it ourselves; it was new"),
                "adapted", t("Vi kopierede den fra andre og tilpassede den",
                        "We copied it from others and adapted it"),
                "copied", t("Vi kopierede den fra andre uden større ændringer",
                        "We copied it from others without major changes"),
                "dont_know", t("Ved ikke", "Don't know"));
        list(lists, "initiator",
                "management", t("Ledelsen på arbejdspladsen", "The workplace's management"),
                "employees", t("Medarbejderne", "The employees"),
                "citizens", t("Borgere eller brugere", "Citizens or users"),
                "politicians", t("Politikere", "Politicians"),
                "legislation", t("Ny lovgivning eller nye regler", "New legislation or rules"),
                "new_technology", t("Ny teknologi", "New technology"),
                "other_public", t("Andre offentlige arbejdspladser", "Other public workplaces"),
                "private", t("Private virksomheder", "Private companies"),
                "budget", t("Krav om besparelser", "Budget cuts"),
                "dont_know", t("Ved ikke", "Don't know"));
        list(lists, "tech_role",
                "solution", t("Innovationen er i sig selv en teknologisk løsning",
                        "Itself a technological solution"),
                "important", t("Teknologi er en vigtig del af innovationen", "An important part"),
                "minor", t("Teknologi er kun en mindre del af innovationen", "Only a minor part"),
                "none", t("Teknologi er slet ikke en del af innovationen", "Not part of the innovation at all"),
                "dont_know", t("Ved ikke", "Don't know"));
        list(lists, "tech_new",
                "new", t("Ja, teknologien er ny for os eller en væsentligt ændret brug af kendt teknologi",
                        "Yes, the technology is new to us or a significantly changed use of known technology"),
                "known", t("Nej, vi brugte teknologi, vi kendte i forvejen",
                        "No, we used technology we already knew"),
                "dont_know", t("Ved ikke", "Don't know"));
        list(lists, "partner",
                "own_organisation", t("Andre arbejdspladser i egen organisation",
                        "Other workplaces in our own organisation"),
                "public_same_sector", t("Andre offentlige arbejdspladser i samme sektor",
                        "Other public workplaces in the same sector"),
                "public_other_sector", t("Offentlige arbejdspladser i andre sektorer",
                        "Public workplaces in other sectors"),
                "private", t("Private virksomheder", "Private companies"),
                "research", t("Forsknings- og uddannelsesinstitutioner", "Research and education institutions"),
                "citizens", t("Borgere", "Citizens"),
                "voluntary", t("Frivillige foreninger", "Voluntary organisations"),
                "foundations", t("Fonde", "Foundations"),
                "foreign", t("Udenlandske aktører", "Foreign actors"),
                "social_enterprises", t("Socialøkonomiske virksomheder", "Social enterprises"),
                "none", t("Vi samarbejdede ikke med andre", "We did not collaborate with anyone"));
        list(lists, "value",
                "quality", t("Bedre kvalitet", "Better quality"),
                "efficiency", t("Øget effektivitet", "Greater efficiency"),
                "employee_satisfaction", t("Større medarbejdertilfredshed", "Greater employee satisfaction"),
                "citizen_involvement", t("Større borgerinddragelse", "More citizen involvement"),
                "policy_goals", t("Opfyldelse af politiske mål", "Policy goals achieved"),
                "dont_know", t("Ved ikke", "Don't know"));
        list(lists, "extent",
                "great", t("I høj grad", "To a great extent"),
                "some", t("I nogen grad", "To some extent"),
                "small", t("I mindre grad", "To a small extent"),
                "not_at_all", t("Slet ikke", "Not at all"),
                "dont_know", t("Ved ikke", "Don't know"),
                "not_applicable", t("Ikke relevant", "Not applicable"));
        list(lists, "evaluation",
                "systematic", t("Ja, systematisk", "Yes, systematically"),
                "informal", t("Ja, uformelt", "Yes, informally"),
                "no", t("Nej", "No"),
                "dont_know", t("Ved ikke", "Don't know"));
        list(lists, "spreading",
                "adopted", t("Ja, andre har taget den i brug", "Yes, others have adopted it"),
                "shared", t("Vi har delt den, men ved ikke om andre bruger den",
                        "We have shared it but do not know whether others use it"),
                "no", t("Nej", "No"),
                "dont_know", t("Ved ikke", "Don't know"));
        list(lists, "agree",
                "completely_agree", t("Helt enig", "Completely agree"),
                "partly_agree", t("Delvis enig", "Partly agree"),
                "partly_disagree", t("Delvis uenig", "Partly disagree"),
                "completely_disagree", t("Helt uenig", "Completely disagree"),
                "dont_know", t("Ved ikke", "Don't know"),
                "not_applicable", t("Ikke relevant", "Not applicable"));
        list(lists, "gov_level",
                "state", t("Staten", "State"),
                "region", t("Region", "Region"),
                "municipality", t("Kommune", "Municipality"));
        list(lists, "area",
                "administration", t("Offentlig administration", "Public administration"),
                "judiciary", t("Retsvæsen, politi og forsvar", "Judiciary, police and defence"),
                "education", t("Undervisning", "Education"),
                "health", t("Sundhed", "Health"),
                "care", t("Ældre- og handicapområdet", "Care for the elderly and disabled"),
                "childcare", t("Dagtilbud", "Childcare"),
                "other", t("Andet", "Other"));

        String innovator = "${innovator} = 1";
        Question filterIntro = note("filter_intro", t(
                "Har arbejdspladsen i 2018–2019 indført en eller flere af disse nyheder? En innovation er en ny "
                        + "eller væsentligt ændret måde at forbedre arbejdspladsens aktiviteter og resultater på.",
                "In 2018–2019, did the workplace introduce any of the following? An innovation is a new or "
                        + "significantly changed way of improving the workplace's activities and results."));
        Group filter = group("filter", t("Innovation på arbejdspladsen", "Innovation at the workplace"), null,
                "field-list",
                filterIntro,
                withAppearance(select("inno_service", "yes_no_dk",
                        t("Nye eller væsentligt ændrede services eller produkter",
                                "New or significantly changed services or products")), "horizontal"),
                withAppearance(select("inno_process", "yes_no_dk",
                        t("Nye eller væsentligt ændrede processer", "New or significantly changed processes")),
                        "horizontal"),
                withAppearance(select("inno_organisation", "yes_no_dk",
                        t("Nye eller væsentligt ændrede måder at organisere arbejdet på",
                                "New or significantly changed ways of organising the work")), "horizontal"),
                withAppearance(select("inno_communication", "yes_no_dk",
                        t("Nye eller væsentligt ændrede måder at kommunikere med omverdenen på",
                                "New or significantly changed ways of communicating with the outside world")),
                        "horizontal"),
                calculate("innovator", t("arbejdspladsen indførte mindst én innovation i 2018–2019",
                                "the workplace introduced at least one innovation in 2018–2019"), "if(${inno_service} = 'yes' or ${inno_process} = 'yes' or "
                        + "${inno_organisation} = 'yes' or ${inno_communication} = 'yes', 1, 0)"),
                calculate("innovation_types", t("de slags innovation, arbejdspladsen indførte",
                                "the kinds of innovation the workplace introduced"), "concat(if(${inno_service} = 'yes', 'service ', ''), "
                        + "if(${inno_process} = 'yes', 'process ', ''), "
                        + "if(${inno_organisation} = 'yes', 'organisation ', ''), "
                        + "if(${inno_communication} = 'yes', 'communication', ''))"));

        Group underway = group("underway_page", t("Innovation på vej", "Innovation under way"),
                "${innovator} = 0", null,
                select("underway", "yes_no_dk", t(
                        "Arbejder arbejdspladsen lige nu på at udvikle eller indføre en innovation?",
                        "Is the workplace currently developing or introducing an innovation?")),
                withRelevant(q(QuestionType.SELECT_MULTIPLE, "underway_type", "innovation_type", t(
                        "Hvilken slags innovation er på vej?", "What kind of innovation is under way?"), null),
                        "${underway} = 'yes'"));

        Question latestType = new Question("latest_type", QuestionType.SELECT_ONE, "innovation_type", false, t(
                "Tænk på arbejdspladsens seneste innovation. Hvilken slags innovation er det?",
                "Think of the workplace's latest innovation. What kind of innovation is it?"), t(
                "Kun de slags, I har svaret ja til, vises.", "Only the kinds you answered yes to are shown."),
                "true()", null, null, null, null, null, "selected(${innovation_types}, name)", null, null, null);
        Group latest = group("latest", t("Den seneste innovation", "The latest innovation"), innovator, null,
                latestType,
                withConstraint(withHint(q(QuestionType.INTEGER, "latest_year", null, t(
                        "Hvilket år blev innovationen indført?", "In which year was the innovation introduced?"),
                        null), t("2018 eller 2019", "2018 or 2019")),
                        ". >= 2018 and . <= 2019",
                        t("Spørgeskemaet handler om 2018–2019.", "The questionnaire is about 2018–2019.")),
                select("novelty", "novelty", t("Hvor ny er innovationen?", "How new is the innovation?")),
                withConstraint(withHint(q(QuestionType.SELECT_MULTIPLE, "initiators", "initiator", t(
                        "Hvem eller hvad tog initiativ til innovationen?",
                        "Who or what initiated the innovation?"), null), t("Vælg op til tre.",
                                "Choose up to three.")),
                        "count-selected(.) <= 3 and not(selected(., 'dont_know') and count-selected(.) > 1)",
                        t("Vælg højst tre, og ikke 'Ved ikke' sammen med andre.",
                                "Choose at most three, and not 'Don't know' with others.")));

        Group technology = group("technology", t("Teknologi i innovationen", "Technology in the innovation"),
                innovator, null,
                withHint(select("tech_role", "tech_role", t(
                        "I hvilken grad er teknologi en del af den seneste innovation?",
                        "To what extent is technology part of the latest innovation?")), t(
                        "Tænk på teknologi som både fysiske og digitale løsninger.",
                        "Think of technology as both physical and digital solutions.")),
                withRelevant(select("tech_new", "tech_new", t(
                        "Er teknologien i innovationen ny for jer og/eller en væsentligt ændret brug af teknologi, "
                                + "I bruger i forvejen?",
                        "Is the technology involved in the innovation new to you and/or a significantly changed "
                                + "way of using technology that you already use?")), TECH),
                withRelevant(q(QuestionType.TEXT, "tech_description", null, t(
                        "Beskriv kort teknologien.", "Briefly describe the technology."), null), TECH),
                withRelevant(select("tech_core", "yes_no_dk", t(
                        "Vedrører teknologien arbejdspladsens kerneopgaver?",
                        "Does the technology concern the workplace's core tasks?")), TECH),
                calculate("tech", t("innovationen er teknologisk", "the innovation is technological"),
                        "if(" + TECH + ", 1, 0)"),
                calculate("tech_class", t("teknologi i innovationen: ny, kendt eller ikke-teknologisk",
                                "technology in the innovation: new, known or non-technological"),
                        "if(${tech} = 1, if(${tech_new} = 'new', 'new', 'known'), 'nontech')"));

        Group collaboration = group("collaboration_page", t("Samarbejde", "Collaboration"), innovator, null,
                withConstraint(withHint(q(QuestionType.SELECT_MULTIPLE, "collaboration", "partner", t(
                        "Hvem samarbejdede arbejdspladsen med om den seneste innovation?",
                        "Who did the workplace collaborate with on the latest innovation?"), null), t(
                        "Vælg alle, der passer.", "Choose all that apply.")),
                        "not(selected(., 'none') and count-selected(.) > 1)",
                        t("'Vi samarbejdede ikke med andre' kan ikke vælges sammen med andre.",
                                "'We did not collaborate with anyone' cannot be chosen with others.")));

        Question values = withConstraint(withHint(new Question("values", QuestionType.SELECT_MULTIPLE, "value",
                        true, t("Hvilken værdi har den seneste innovation skabt?",
                                "What value has the latest innovation created?"), null, "true()", null, null, null,
                        null, null, null, null, null, null), t("Vælg alle, der passer.", "Choose all that apply.")),
                "not(selected(., 'dont_know') and count-selected(.) > 1)",
                t("'Ved ikke' kan ikke vælges sammen med andre.", "'Don't know' cannot be chosen with others."));
        Group valuePage = group("value_page", t("Værdi", "Value"), innovator, null, values);

        Group people = group("people", t("Medarbejdere og borgere", "Employees and citizens"), innovator,
                "field-list",
                withAppearance(select("emp_promoted", "extent", t(
                        "I hvilken grad fremmede medarbejderne innovationen?",
                        "To what extent did the employees promote the innovation?")), "likert"),
                withAppearance(select("emp_inhibited", "extent", t(
                        "I hvilken grad hæmmede medarbejderne innovationen?",
                        "To what extent did the employees inhibit the innovation?")), "likert"),
                withAppearance(select("cit_promoted", "extent", t(
                        "I hvilken grad fremmede borgerne innovationen?",
                        "To what extent did citizens promote the innovation?")), "likert"),
                withAppearance(select("cit_inhibited", "extent", t(
                        "I hvilken grad hæmmede borgerne innovationen?",
                        "To what extent did citizens inhibit the innovation?")), "likert"));

        Group evaluation = group("evaluation_page", t("Evaluering og spredning", "Evaluation and spreading"),
                innovator, null,
                select("evaluated", "evaluation", t("Er innovationen blevet evalueret?",
                        "Has the innovation been evaluated?")),
                select("spread", "spreading", t("Er innovationen blevet spredt til andre arbejdspladser?",
                        "Has the innovation spread to other workplaces?")));

        Group culture = group("culture", t("Kultur på arbejdspladsen", "Culture at the workplace"), null,
                "field-list",
                note("culture_intro", t("Hvor enig eller uenig er du i disse udsagn om arbejdspladsen?",
                        "How much do you agree or disagree with these statements about the workplace?")),
                withAppearance(select("cult_curious", "agree", t(
                        "Vi er nysgerrige på nye teknologiske løsninger og muligheder",
                        "We are curious about new technological solutions and opportunities")), "likert"),
                withAppearance(select("cult_ideas", "agree", t(
                        "Medarbejderne opfordres til at komme med nye idéer",
                        "Employees are encouraged to come up with new ideas")), "likert"),
                withAppearance(select("cult_failure", "agree", t(
                        "Vi accepterer, at nye tiltag kan slå fejl",
                        "We accept that new initiatives may fail")), "likert"),
                withAppearance(select("cult_users", "agree", t(
                        "Vi inddrager borgere og brugere, når vi udvikler nyt",
                        "We involve citizens and users when we develop something new")), "likert"),
                withAppearance(select("cult_learn", "agree", t(
                        "Vi lærer af andres løsninger", "We learn from other workplaces' solutions")), "likert"));

        Group background = group("background", t("Om arbejdspladsen", "About the workplace"), null, null,
                withAppearance(select("gov_level", "gov_level", t(
                        "Hvilket forvaltningsniveau hører arbejdspladsen under?",
                        "Which level of government does the workplace belong to?")), "minimal"),
                withAppearance(select("area", "area", t("Hvilket område arbejder arbejdspladsen inden for?",
                        "Which area does the workplace work in?")), "minimal"),
                withConstraint(q(QuestionType.INTEGER, "employees", null, t(
                                "Hvor mange ansatte har arbejdspladsen?", "How many people does the workplace employ?"),
                        null), ". >= 1 and . <= 100000",
                        t("Skriv et antal mellem 1 og 100.000.", "Enter a number between 1 and 100,000.")),
                calculate("size_group", t("størrelsesgruppe efter antal ansatte",
                                "size group by number of employees"), "if(${employees} < 10, '3-9', if(${employees} < 50, '10-49', "
                        + "if(${employees} < 100, '50-99', '100+')))"),
                optional(q(QuestionType.TEXT, "comments", null, t("Har du andre kommentarer?",
                        "Any other comments?"), null)));

        return new Form("innovation_barometer_2019", "Innovationsbarometeret 2018–2019", "2019.1", DA,
                List.of(DA, EN), List.of(filter, underway, latest, technology, collaboration, valuePage, people,
                evaluation, culture, background), lists, false);
    }

    private static void list(Map<String, ChoiceList> lists, String name, Object... nameAndLabel) {
        List<Choice> choices = new ArrayList<>();
        for (int i = 0; i < nameAndLabel.length; i += 2) {
            choices.add(new Choice((String) nameAndLabel[i], (Text) nameAndLabel[i + 1], Map.of()));
        }
        lists.put(name, new ChoiceList(name, choices));
    }
}
