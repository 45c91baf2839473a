package org.barometer.app.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.barometer.app.access.Role;
import org.barometer.app.access.UserStore;
import org.barometer.app.edition.SurveyText;
import org.barometer.app.respond.InvitationStore;
import org.barometer.app.respond.TestForm;
import org.barometer.app.testing.Poll;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An edition speaks with its own texts, set on its texts page: its mails, the title on every respondent page and
 * its thank-you page; where it sets none, the neutral defaults speak, and they name no particular survey. Bad texts
 * are refused with the field named and nothing stored; the test mail goes to the address typed, in the language
 * chosen.
 */
class SurveyTextsTest {
    static final ServerSetup SMTP = FreeSmtp.setup();

    @RegisterExtension
    static final GreenMailExtension mail = FreeSmtp.catcher(SMTP);

    @RegisterExtension
    static final TestServer server = FreeSmtp.serverMailingTo(SMTP);

    /** Words of the one survey the product was first built for, which no other survey may speak. */
    static final List<String> FOREIGN = List.of("innovat", "teknologi");

    static Map<String, String> ownTexts() {
        Map<String, String> form = new HashMap<>();
        form.put("title_da", "Digitale værktøjer i kommunerne");
        form.put("title_en", "Digital tools in municipalities");
        form.put("sender_da", "Kontoret for digitalisering");
        form.put("sender_en", "The Digitalisation Office");
        form.put("contact_da", "digital@kontor.example");
        form.put("contact_en", "digital@office.example");
        form.put("invitation_subject_da", "{survey_title}: {workplace_name} er med");
        form.put("invitation_subject_en", "{survey_title}: {workplace_name} is taking part");
        form.put("invitation_body_en", "Dear {manager_name}\n\nPlease answer for {workplace_name} by {deadline}:\n{link}\n\n"
                + "Opt out: {optout_link}\n\n{sender}");
        form.put("thanks_en", "Thank you for helping us map the digital tools of municipalities.");
        return form;
    }

    @Test
    void anEditionsOwnTextsReachItsMailsAndPages() throws Exception {
        long edition = TestForm.edition(server.jdbi(), "digital tools");
        WebClient admin = server.admin();
        String page = admin.get("/admin/editions/" + edition + "/texts?lang=en").body();
        // the defaults, as the page shows them, name no survey of their own
        assertThat(page).contains("id=\"invitation_body_da\"", "id=\"thanks_en\"", "Example Workplace");
        for (String word : FOREIGN) {
            assertThat(page.toLowerCase()).doesNotContain(word);
        }
        WebClient.Response saved = admin.post("/admin/editions/" + edition + "/texts", completeForm(edition, ownTexts()));
        assertThat(saved.status()).isEqualTo(303);
        assertThat(saved.location()).endsWith("/texts?done=saved");
        assertThat(admin.get(saved.location()).body())
                .contains("The texts are saved.", "Digital tools in municipalities: Example Workplace is taking part");
        assertThat(server.count("SELECT count(*) FROM edition_text WHERE edition_id = ?", edition)).isEqualTo(ownTexts().size());

        new InvitationStore(server.jdbi()).create(edition, List.of(
                new InvitationStore.Invitee("w1", "Egedal Skole", "Mette", "mette@skole.example", "en", "s1"),
                new InvitationStore.Invitee("w2", "Solrød Bibliotek", "Jonas", "jonas@bibliotek.example", "da", "s1")),
                Instant.now().plus(10, ChronoUnit.DAYS));
        new MailingStore(server.jdbi(), server.baseUrl()).sendInvitations(edition, LocalDate.now().plusDays(9));
        MimeMessage[] received = Poll.until(Duration.ofSeconds(20), mail::getReceivedMessages, m -> m.length >= 2);
        Map<String, MimeMessage> byRecipient = new HashMap<>();
        for (MimeMessage m : received) {
            byRecipient.put(m.getAllRecipients()[0].toString(), m);
        }
        MimeMessage en = byRecipient.get("mette@skole.example");
        assertThat(en.getSubject()).isEqualTo("Digital tools in municipalities: Egedal Skole is taking part");
        assertThat(OutboxTest.text(en)).startsWith("Dear Mette").contains("The Digitalisation Office")
                .doesNotContain("{");
        MimeMessage da = byRecipient.get("jonas@bibliotek.example");
        assertThat(da.getSubject()).isEqualTo("Digitale værktøjer i kommunerne: Solrød Bibliotek er med");
        // the Danish body was not set: the neutral default, with the edition's own title, sender and contact
        assertThat(OutboxTest.text(da)).contains("Kære Jonas", "deltage i Digitale værktøjer i kommunerne",
                "kontakt digital@kontor.example", "Kontoret for digitalisering").doesNotContain("{");
        for (MimeMessage m : received) {
            for (String word : FOREIGN) {
                assertThat((m.getSubject() + OutboxTest.text(m)).toLowerCase()).doesNotContain(word);
            }
        }

        // the personal link of the mail opens a questionnaire page under the survey's own title
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("(/r/[A-Za-z0-9_-]{22})").matcher(OutboxTest.text(en));
        assertThat(link.find()).isTrue();
        WebClient respondent = server.client();
        WebClient.Response start = respondent.get(link.group(1));
        String first = start.status() == 303 ? respondent.get(start.location()).body() : start.body();
        assertThat(first).contains("class=\"service-name\">Digital tools in municipalities<");
        // and, once submitted, the edition's own thank-you page and contact
        String base = link.group(1);
        assertThat(respondent.postRaw(base + "/p/about", Map.of("_save", java.util.UUID.randomUUID().toString(),
                "innovated", "no", "employees", "12")).status()).isEqualTo(303);
        assertThat(respondent.postRaw(base + "/p/culture", Map.of("_save", java.util.UUID.randomUUID().toString(),
                "curious", "4", "share", "0.5", "consent", "OK")).status()).isEqualTo(303);
        assertThat(respondent.postRaw(base + "/submit", Map.of()).status()).isEqualTo(303);
        String done = respondent.get(base + "/done").body();
        assertThat(done).contains("Thank you for helping us map the digital tools of municipalities.",
                "contact digital@office.example", "class=\"service-name\">Digital tools in municipalities<");
        for (String word : FOREIGN) {
            assertThat(done.toLowerCase()).doesNotContain(word);
        }
    }

    @Test
    void aBadTextIsRefusedWithItsFieldNamedAndNothingStored() {
        long edition = TestForm.edition(server.jdbi(), "refused texts");
        WebClient admin = server.admin();
        admin.get("/admin/editions/" + edition + "/texts?lang=en");
        for (Map.Entry<String, String> bad : Map.of(
                "invitation_body_en", "Dear {manager_nam}",
                "title_da", "En titel med {link}",
                "invitation_subject_en", "Two\nlines",
                "sender_en", "x".repeat(SurveyText.MAX_LENGTH + 1)).entrySet()) {
            Map<String, String> form = ownTexts();
            form.put(bad.getKey(), bad.getValue());
            WebClient.Response r = admin.post("/admin/editions/" + edition + "/texts", completeForm(edition, form));
            assertThat(r.status()).as(bad.getKey()).isEqualTo(422);
            assertThat(r.body()).as(bad.getKey()).contains("href=\"#" + bad.getKey() + "\"", "id=\"" + bad.getKey() + "-error\"");
            assertThat(server.count("SELECT count(*) FROM edition_text WHERE edition_id = ?", edition)).as(bad.getKey()).isZero();
        }
        assertThat(admin.post("/admin/editions/" + edition + "/texts", completeForm(edition, Map.of("invitation_body_en",
                "Dear {manager_nam}"))).body()).contains("There is no merge field {manager_nam}.");
    }

    @Test
    void theTestMailGoesToTheAddressTypedAndOnlyAnAdminSendsIt() throws Exception {
        long edition = TestForm.edition(server.jdbi(), "test mail");
        WebClient admin = server.admin();
        admin.get("/admin/editions/" + edition + "/texts?lang=en");
        assertThat(admin.post("/admin/editions/" + edition + "/texts", completeForm(edition, ownTexts())).status()).isEqualTo(303);
        int before = mail.getReceivedMessages().length;
        WebClient.Response bad = admin.post("/admin/editions/" + edition + "/texts/test-mail",
                Map.of("test_to", "not an address", "test_language", "en"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("href=\"#test_to\"");
        assertThat(admin.post("/admin/editions/" + edition + "/texts/test-mail",
                Map.of("test_to", "me@office.example", "test_language", "xx")).status()).isEqualTo(422);
        WebClient.Response sent = admin.post("/admin/editions/" + edition + "/texts/test-mail",
                Map.of("test_to", "me@office.example", "test_language", "en"));
        assertThat(sent.status()).isEqualTo(303);
        MimeMessage[] received = Poll.until(Duration.ofSeconds(20), mail::getReceivedMessages, m -> m.length > before);
        MimeMessage test = received[received.length - 1];
        assertThat(test.getAllRecipients()[0].toString()).isEqualTo("me@office.example");
        assertThat(test.getSubject()).isEqualTo("Digital tools in municipalities: Example Workplace is taking part");
        assertThat(server.count("SELECT count(*) FROM fieldwork_outbox o JOIN fieldwork_mailing m ON m.id = o.mailing_id "
                + "WHERE m.edition_id = ?", edition)).as("a test mail is no mailing").isZero();
        assertThat(server.count("SELECT count(*) FROM audit_log WHERE action = 'edition.texts.testMail'")).isPositive();

        new UserStore(server.jdbi()).create("texts-analyst", "Ana Lyst", Role.ANALYST, "analyst password long enough");
        WebClient analyst = server.client();
        analyst.login("texts-analyst", "analyst password long enough");
        analyst.get("/admin/editions/" + edition + "/texts");
        assertThat(analyst.post("/admin/editions/" + edition + "/texts/test-mail",
                Map.of("test_to", "me@office.example", "test_language", "en")).status()).isEqualTo(403);
    }

    /** Every field of the texts form, as the browser sends it: the given ones, the rest empty (the defaults). */
    static Map<String, String> completeForm(long edition, Map<String, String> given) {
        Map<String, String> form = new HashMap<>();
        for (SurveyText t : SurveyText.values()) {
            for (String language : List.of("da", "en")) {
                form.put(t.field(language), "");
            }
        }
        form.putAll(given);
        return form;
    }
}
