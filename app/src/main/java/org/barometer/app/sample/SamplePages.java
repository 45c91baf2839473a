package org.barometer.app.sample;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.barometer.app.platform.Platform;
import org.barometer.app.access.Role;
import org.barometer.app.access.User;
import org.barometer.app.edition.Edition;
import org.barometer.app.edition.EditionPath;
import org.barometer.app.edition.EditionStore;
import org.barometer.app.frame.Register;
import org.barometer.app.http.FieldError;
import org.barometer.app.http.Web;

/** The sample page: choose strata and allocation, draw, and see the table per stratum. */
public final class SamplePages {
    private static final SecureRandom SEEDS = new SecureRandom();

    private final Platform platform;
    private final EditionStore editions;
    private final SampleStore samples;

    public SamplePages(Platform platform) {
        this.platform = platform;
        this.editions = new EditionStore(platform.jdbi());
        this.samples = new SampleStore(platform.jdbi());
    }

    /** What the allocation form shows (as typed, so a refused form comes back as it was). */
    public record SampleForm(List<String> strataBy, String method, String total, String minimum, String seed,
                             Map<String, String> varianceGuesses, Map<String, String> fixedSizes) {}

    /** One row of the allocation form: a stratum and its population count. */
    public record StratumRow(int index, String key, int population) {}

    public void page(Context ctx) {
        Edition edition = EditionPath.of(ctx, editions);
        List<String> by = chosen(ctx.queryParams("by"), Register.of(editions, edition.id()));
        SampleForm form = new SampleForm(by, AllocationMethod.PROPORTIONAL.code(), "", "0",
                String.valueOf(Math.abs(SEEDS.nextLong() % 1_000_000_000L)), Map.of(), Map.of());
        render(ctx, edition, form, List.of());
    }

    private static List<String> chosen(List<String> asked, Register register) {
        List<String> by = asked.stream().filter(register.stratifiers()::contains).distinct().toList();
        return by.isEmpty() ? register.defaultStrata() : by;
    }

    private void render(Context ctx, Edition edition, SampleForm form, List<FieldError> errors) {
        if (edition.frameId() == null) {
            Web.render(ctx, "sample/sample.jte", "edition", edition, "form", form, "strata", List.of(),
                    "errors", List.of(new FieldError("frame", "sample.error.noFrame")), "sample", null,
                    "stratifiers", Map.of());
            return;
        }
        Register register = Register.of(editions, edition.id());
        List<StratumRow> rows = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Integer> e : samples.strata(edition.frameId(), form.strataBy(), register).entrySet()) {
            rows.add(new StratumRow(i++, e.getKey(), e.getValue()));
        }
        SampleStore.Sample sample = edition.sampleId() == null ? null : samples.find(edition.sampleId()).orElse(null);
        Web.render(ctx, "sample/sample.jte", "edition", edition, "form", form, "strata", rows, "errors", errors,
                "sample", sample, "stratifiers", register.stratifierLabels(Web.language(ctx)));
    }

    public void draw(Context ctx) {
        User user = Web.user(ctx);
        Edition edition = EditionPath.of(ctx, editions);
        Register register = Register.of(editions, edition.id());
        List<String> by = chosen(ctx.formParams("by"), register);
        List<String> keys = new ArrayList<>();
        Map<String, String> varianceText = new HashMap<>();
        Map<String, String> fixedText = new HashMap<>();
        for (int i = 0; ctx.formParam("stratum." + i) != null; i++) {
            String key = ctx.formParam("stratum." + i);
            keys.add(key);
            varianceText.put(key, nz(ctx.formParam("variance." + i)));
            fixedText.put(key, nz(ctx.formParam("fixed." + i)));
        }
        SampleForm form = new SampleForm(by, nz(ctx.formParam("method")), nz(ctx.formParam("total")),
                nz(ctx.formParam("minimum")), nz(ctx.formParam("seed")), varianceText, fixedText);
        List<FieldError> errors = new ArrayList<>();
        AllocationMethod method = null;
        try {
            method = AllocationMethod.fromCode(form.method());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("method-proportional", "sample.error.method"));
        }
        Integer total = null;
        if (method == AllocationMethod.PROPORTIONAL || method == AllocationMethod.NEYMAN) {
            total = parseInt(form.total());
            if (total == null || total <= 0) {
                errors.add(new FieldError("total", "sample.error.total"));
            }
        }
        Integer minimum = form.minimum().isEmpty() ? Integer.valueOf(0) : parseInt(form.minimum());
        if (minimum == null || minimum < 0) {
            errors.add(new FieldError("minimum", "sample.error.minimum"));
        }
        Long seed = null;
        try {
            seed = Long.parseLong(form.seed());
        } catch (NumberFormatException e) {
            errors.add(new FieldError("seed", "sample.error.seed"));
        }
        Map<String, Double> variances = new HashMap<>();
        Map<String, Integer> fixed = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            if (method == AllocationMethod.NEYMAN) {
                try {
                    variances.put(key, Double.parseDouble(varianceText.get(key).replace(',', '.')));
                } catch (NumberFormatException e) {
                    errors.add(new FieldError("variance." + i, "sample.error.varianceField", key));
                }
            }
            if (method == AllocationMethod.FIXED) {
                Integer n = parseInt(fixedText.get(key));
                if (n == null) {
                    errors.add(new FieldError("fixed." + i, "sample.error.fixedField", key));
                } else {
                    fixed.put(key, n);
                }
            }
        }
        if (edition.frameId() == null) {
            errors.add(new FieldError("frame", "sample.error.noFrame"));
        }
        if (errors.isEmpty()) {
            try {
                SampleStore.Sample sample = samples.draw(edition.frameId(), new Sampling.Spec(by, method,
                        total == null ? 0 : total, minimum, variances, fixed, seed), register, user.id());
                Web.audit(ctx, "sample.draw", "sample:" + sample.id(), method.code() + " n="
                        + sample.sampleSize() + " strata=" + String.join("×", by) + " seed=" + seed);
                ctx.redirect("/admin/editions/" + edition.id() + "/sample?" + byQuery(by) + "&drawn=" + sample.id(),
                        HttpStatus.SEE_OTHER);
                return;
            } catch (AllocationException e) {
                errors.add(new FieldError("total", e.messageKey(), e.args()));
            } catch (SampleLockedException e) {
                errors.add(new FieldError("total", "sample.error.locked", e.invitations()));
            }
        }
        ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
        render(ctx, edition, form, errors);
    }

    private static String byQuery(List<String> by) {
        return String.join("&", by.stream().map(b -> "by=" + b).toList());
    }

    private static Integer parseInt(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s.strip();
    }
}
