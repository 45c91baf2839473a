package org.barometer.app.web;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static org.barometer.app.web.Access.ADMIN;
import static org.barometer.app.web.Access.ANALYST;
import static org.barometer.app.web.Access.CODER;
import static org.barometer.app.web.Access.EDITOR;
import static org.barometer.app.web.Access.SENIOR_CODER;
import static org.barometer.app.web.Access.STAFF;

import io.javalin.apibuilder.EndpointGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;
import java.util.List;
import java.util.function.UnaryOperator;
import org.barometer.app.admin.AdminPages;
import org.barometer.app.admin.LoginPages;
import org.barometer.app.admin.EditionPages;
import org.barometer.app.cases.CaseEditorPages;
import org.barometer.app.cases.CasePages;
import org.barometer.app.coding.CodingPages;
import org.barometer.app.export.MicrodataPages;
import org.barometer.app.fieldwork.FieldworkPages;
import org.barometer.app.fieldwork.SurveyTextPages;
import org.barometer.app.http.Admission;
import org.barometer.app.frame.FramePages;
import org.barometer.app.platform.Platform;
import org.barometer.app.portal.PortalPages;
import org.barometer.app.portal.SeriesPages;
import org.barometer.app.series.FamilyFiles;
import org.barometer.app.series.SeriesAdminPages;
import org.barometer.app.publish.job.AnalysisPages;
import org.barometer.app.portal.PublishedEditions;
import org.barometer.app.publish.job.PublishJobPages;
import org.barometer.app.respond.RespondPages;
import org.barometer.app.sample.SamplePages;
import org.barometer.app.selftest.SelfTestPages;

/**
 * Every route of the server, in one table: its path, its handler and who may use it ({@link Access}; a route
 * without one is public). Handlers are plain methods of each stage's pages; nothing else declares a route.
 */
public final class Routes {
    /**
     * Paths whose POSTs are not browser forms of a session and so carry no CSRF token. Keep this list short.
     * Respondent pages: every URL carries the respondent's secret token, which a forging site cannot know.
     */
    public static final List<String> CSRF_EXEMPT_PREFIXES = List.of(RespondPages.PREFIX);

    /** The handlers of every stage, made once per server. */
    public record Handlers(HealthCheck health, LoginPages login, AdminPages admin, EditionPages editions,
                           FramePages frames, SamplePages samples, FieldworkPages fieldwork, SurveyTextPages texts,
                           RespondPages respond,
                           AnalysisPages analysis, PublishJobPages jobs, MicrodataPages microdata,
                           PortalPages portal, SeriesPages series, SeriesAdminPages seriesAdmin,
                           CasePages cases, CaseEditorPages caseEditor, CodingPages coding,
                           SelfTestPages selfTest) {

        /** The standard handlers of a platform, the portal showing the given node's publications. */
        public static Handlers of(Platform p, PublishedEditions publications) {
            FamilyFiles families = new FamilyFiles(p.jdbi());
            return new Handlers(new HealthCheck(p), new LoginPages(p), new AdminPages(p), new EditionPages(p),
                    new FramePages(p), new SamplePages(p), new FieldworkPages(p), new SurveyTextPages(p), new RespondPages(p),
                    new AnalysisPages(p), new PublishJobPages(p), new MicrodataPages(p), new PortalPages(publications, new Admission(p), families),
                    new SeriesPages(publications, families), new SeriesAdminPages(p),
                    new CasePages(p, new Admission(p)), new CaseEditorPages(p), new CodingPages(p),
                    new SelfTestPages(p, publications, new Admission(p)));
        }
    }

    private Routes() {}

    /** The route table. */
    static EndpointGroup table(Handlers h) {
        PortalPages portal = h.portal();
        return () -> {
            get("/health", h.health()::check);
            get("/", ctx -> ctx.redirect("/portal")); // the public comes first; staff sign in at /admin
            get("/login", h.login()::form);
            post("/login", h.login()::submit);
            post("/logout", h.login()::logout);

            path("/admin", () -> {
                get(h.admin()::dashboard, STAFF);
                get("/users", h.admin()::userList, ADMIN);
                post("/users", h.admin()::createUser, ADMIN);
                get("/users/new", h.admin()::newUserForm, ADMIN);
                get("/users/{id}", h.admin()::editUserForm, ADMIN);
                post("/users/{id}", h.admin()::updateUser, ADMIN);
                post("/users/{id}/password", h.admin()::resetPassword, ADMIN);
                post("/users/{id}/unlock", h.admin()::unlockUser, ADMIN);
                get("/audit", h.admin()::audit, ADMIN);
                get("/frame-template.csv", h.frames()::template, ANALYST);

                path("/cases", () -> {
                    get(h.caseEditor()::list, EDITOR);
                    post("/links", h.caseEditor()::newLink, EDITOR);
                    get("/images/{image}", h.caseEditor()::image, EDITOR);
                    get("/{id}", h.caseEditor()::edit, EDITOR);
                    post("/{id}", h.caseEditor()::save, EDITOR);
                    post("/{id}/publish", h.caseEditor()::publish, EDITOR);
                    post("/{id}/retire", h.caseEditor()::retire, EDITOR);
                });

                path("/self-test", () -> {
                    get(h.selfTest()::admin, ANALYST);
                    post("/groups", h.selfTest()::createGroup, ANALYST);
                });

                path("/coding", () -> {
                    get(h.coding()::index, CODER);
                    path("/{id}/{question}", () -> {
                        get(h.coding()::question, CODER);
                        post("/frame", h.coding()::uploadFrame, SENIOR_CODER);
                        get("/frame.csv", h.coding()::frameCsv, CODER);
                        post("/double", h.coding()::setDoubleShare, SENIOR_CODER);
                        post("/threshold", h.coding()::setSuggestThreshold, SENIOR_CODER);
                        get("/code", h.coding()::next, CODER);
                        post("/code/{response}", h.coding()::code, CODER);
                        get("/agreement", h.coding()::agreement, CODER);
                        get("/disagreements", h.coding()::disagreements, SENIOR_CODER);
                        post("/disagreements/{response}", h.coding()::adjudicate, SENIOR_CODER);
                    });
                });

                path("/editions", () -> {
                    get(h.editions()::list, ANALYST);
                    post(h.editions()::create, ANALYST);
                    get("/new", h.editions()::newForm, ANALYST);
                    path("/{id}", () -> {
                        get(h.editions()::show, ANALYST);
                        get("/edit", h.editions()::editForm, ANALYST);
                        get("/texts", h.texts()::page, ANALYST);
                        post("/texts", h.texts()::save, ANALYST);
                        post("/texts/test-mail", h.texts()::testMail, ADMIN);
                        post("/edit", h.editions()::update, ANALYST);
                        post("/questionnaire", h.editions()::uploadQuestionnaire, ANALYST);
                        post("/questionnaire/try", h.editions()::tryQuestionnaire, ANALYST);
                        get("/questionnaire/{questionnaire}", h.editions()::reviewQuestionnaire, ANALYST);
                        post("/questionnaire/{questionnaire}", h.editions()::applyQuestionnaire, ANALYST);

                        get("/frame", h.frames()::page, ANALYST);
                        post("/frame", h.frames()::upload, ANALYST);
                        post("/frame/register", h.frames()::saveRegister, ANALYST);
                        get("/frame/uploads/{upload}", h.frames()::report, ANALYST);
                        post("/frame/uploads/{upload}/import", h.frames()::importUpload, ANALYST);
                        post("/frame/uploads/{upload}/discard", h.frames()::discard, ANALYST);

                        get("/sample", h.samples()::page, ANALYST);
                        post("/sample", h.samples()::draw, ANALYST);
                        get("/sample.csv", h.samples()::sampleCsv, ANALYST);
                        get("/sample.xlsx", h.samples()::sampleXlsx, ANALYST);

                        path("/fieldwork", () -> {
                            get(h.fieldwork()::page, ANALYST);
                            post("/invitations", h.fieldwork()::sendInvitations, ADMIN);
                            post("/reminders", h.fieldwork()::scheduleReminder, ADMIN);
                            post("/responses/{response}/reopen", h.fieldwork()::reopen, ADMIN);
                            get("/status.csv", h.fieldwork()::statusCsv, ANALYST);
                            get("/outbox", h.fieldwork()::outbox, ANALYST);
                            get("/outbox/{message}", h.fieldwork()::message, ANALYST);
                            post("/outbox/{message}/resend", h.fieldwork()::resend, ADMIN);
                            post("/links.csv", h.fieldwork()::exportLinks, ADMIN);
                            post("/discard", h.fieldwork()::discard, ADMIN);
                        });
                    });
                });

                path("/series", () -> {
                    get(h.seriesAdmin()::page, ANALYST);
                    post(h.seriesAdmin()::upload, ANALYST);
                });

                path("/analysis/{edition}", () -> {
                    get(h.analysis()::page, ANALYST);
                    get("/weights/{version}", h.analysis()::weights, ANALYST);
                    post("/release", h.analysis()::release, ANALYST);
                    post("/withdraw", h.analysis()::withdraw, ANALYST);
                    post("/shown-first", h.analysis()::showFirst, ANALYST);
                    get("/microdata/{format}", h.microdata()::download, ANALYST);
                    post("/files", h.jobs()::upload, ANALYST);
                    post("/jobs", h.jobs()::start, ANALYST);
                    get("/jobs/{job}", h.jobs()::show, ANALYST);
                });
            });

            path("/r/{token}", () -> {
                get(h.respond()::resume);
                get("/p/{page}", h.respond()::showPage);
                post("/p/{page}", h.respond()::savePage);
                post("/p/{page}/questions", h.respond()::pageQuestions);
                get("/media/{file}", h.respond()::picture);
                get("/check", h.respond()::check);
                post("/submit", h.respond()::submit);
                get("/done", h.respond()::done);
                get("/opt-out", h.respond()::optOutForm);
                post("/opt-out", h.respond()::optOut);
                post("/case", h.cases()::consent); // the yes to the offer of the last page
            });

            // the case library, public; submissions are bounded and rate-limited per client (CasePages)
            path("/portal/cases", () -> {
                get(h.cases()::search);
                get("/submit", h.cases()::form);
                post("/submit", h.cases()::submit);
                get("/submitted", h.cases()::submitted);
                get("/submit/{token}", h.cases()::personalForm);
                post("/submit/{token}", h.cases()::personalSubmit);
                get("/images/{image}", h.cases()::image);
                get("/{id}", h.cases()::show);
            });

            // the self-test, public and anonymous; answered self-tests are rate-limited per client (SelfTestPages)
            path(SelfTestPages.PREFIX, () -> {
                get(h.selfTest()::start);
                get("/questions", h.selfTest()::questions);
                post("/result", h.selfTest()::result);
                post("/result.pdf", h.selfTest()::pdf);
                get("/groups/{secret}", h.selfTest()::group);
            });

            // the statistic as a series: indicators over time and countries side by side, public
            path("/portal/indicators", () -> {
                get(h.series()::indicators);
                get("/{id}", h.series()::indicator);
                get("/{id}/trend.svg", h.series()::svg);
                get("/{id}/data.csv", h.series()::csv);
                get("/{id}/data.px", h.series()::px);
                get("/{id}/data.json-stat", h.series()::jsonStat);
            });
            get("/portal/countries", h.series()::countries);
            get("/api/series", h.series()::api);
            // the portal and its API, public; the same pages of a publication not yet released, for staff
            editionRoutes(portal, portal::inEdition);
            path(PortalPages.PREVIEW_PREFIX + "/{publication}", () -> editionRoutes(portal, portal::inPreview, ANALYST));
            path("/api", () -> {
                get("/editions", portal::apiEditions);
                get("/openapi.json", portal::openApi);
            });
        };
    }

    /** The portal's pages and API calls of one edition, each run in its edition by {@code in}. */
    private static void editionRoutes(PortalPages portal, UnaryOperator<Handler> in, RouteRole... access) {
        path("/portal", () -> {
            get(in.apply(portal::front), access);
            get("/themes/{theme}", in.apply(portal::theme), access);
            get("/explorer", in.apply(portal::explorer), access);
            get("/methods", in.apply(portal::methods), access);
            get("/figures/{id}/data.csv", in.apply(portal::csv), access);
            get("/figures/{id}/data.xlsx", in.apply(portal::xlsx), access);
            get("/figures/{id}/data.px", in.apply(portal::px), access);
            get("/figures/{id}/data.json-stat", in.apply(portal::jsonStat), access);
            get("/figures/{id}/chart.svg", in.apply(portal::svg), access);
            get("/figures/{id}/chart.png", in.apply(portal::png), access);
        });
        path("/api", () -> {
            get("/figures", in.apply(portal::apiList), access);
            get("/figures/{id}", in.apply(portal::apiFigure), access);
            get("/explore", in.apply(portal::apiExplore), access);
        });
    }

    /** The pages that answer a stage's own refusals. */
    static void exceptions(RoutesConfig r, Handlers h) {
        r.exception(RespondPages.Refused.class, h.respond()::refused);
    }
}
