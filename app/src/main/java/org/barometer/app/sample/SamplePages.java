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
                             Map<String, String> varianceGuesses, Map<String, String> fixedSizes, String varianceAll) {}

    /** One row of the allocation form: a stratum and its population count. */
    public record StratumRow(int index, String key, String label, int population) {}

    public void page(Context ctx) {
        Edition edition = EditionPath.of(ctx, editions);
        List<String> by = chosen(ctx.queryParams("by"), Register.of(editions, edition.id()));
        SampleForm form = new SampleForm(by, AllocationMethod.PROPORTIONAL.code(), "", "0",
                String.valueOf(Math.abs(SEEDS.nextLong() % 1_000_000_000L)), Map.of(), Map.of(), "");
        render(ctx, edition, form, List.of(), Map.of());
    }

    private static List<String> chosen(List<String> asked, Register register) {
        List<String> by = asked.stream().filter(register.stratifiers()::contains).distinct().toList();
        return by.isEmpty() ? register.defaultStrata() : by;
    }

    private void render(Context ctx, Edition edition, SampleForm form, List<FieldError> errors,
                        Map<String, Integer> allocation) {
        if (edition.frameId() == null) {
            Web.render(ctx, "sample/sample.jte", "edition", edition, "form", form, "strata", List.of(),
                    "errors", List.of(new FieldError("frame", "sample.error.noFrame")), "sample", null,
                    "stratifiers", Map.of(), "allocation", Map.of(), "labels", Map.of());
            return;
        }
        Register register = Register.of(editions, edition.id());
        List<StratumRow> rows = new ArrayList<>();
        int i = 0;
        List<Map.Entry<String, Integer>> strata = new ArrayList<>(
                samples.strata(edition.frameId(), form.strataBy(), register).entrySet());
        strata.sort(Map.Entry.comparingByKey(NaturalOrder.INSTANCE));
        for (Map.Entry<String, Integer> e : strata) {
            rows.add(new StratumRow(i++, e.getKey(), register.stratumLabel(e.getKey(), form.strataBy(), Web.language(ctx)),
                    e.getValue()));
        }
        SampleStore.Sample sample = edition.sampleId() == null ? null : samples.find(edition.sampleId()).orElse(null);
        Map<String, String> labels = new java.util.HashMap<>();
        if (sample != null) {
            sample.strata().forEach(s -> labels.put(s.stratum(),
                    register.stratumLabel(s.stratum(), sample.strataBy(), Web.language(ctx))));
        }
        Web.render(ctx, "sample/sample.jte", "edition", edition, "form", form, "strata", rows, "errors", errors,
                "sample", sample, "stratifiers", register.stratifierLabels(Web.language(ctx)),
                "allocation", allocation, "labels", labels);
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
                nz(ctx.formParam("minimum")), nz(ctx.formParam("seed")), varianceText, fixedText,
                nz(ctx.formParam("variance_all")));
        boolean preview = ctx.formParam("preview") != null;
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
        // one guess for every stratum, where a stratum has none of its own
        Double varianceAll = null;
        if (method == AllocationMethod.NEYMAN && !form.varianceAll().isEmpty()) {
            varianceAll = parseDecimal(form.varianceAll());
            if (varianceAll == null || varianceAll < 0) {
                errors.add(new FieldError("variance_all", "sample.error.varianceAll"));
            }
        }
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            if (method == AllocationMethod.NEYMAN) {
                Double own = varianceText.get(key).isEmpty() ? varianceAll : parseDecimal(varianceText.get(key));
                if (own == null) {
                    errors.add(new FieldError("variance." + i, "sample.error.varianceField", key));
                } else {
                    variances.put(key, own);
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
        if (errors.isEmpty() && preview) {
            // the allocation as drawing would make it, shown per stratum; nothing is drawn or stored
            List<Allocator.Stratum> strata = new ArrayList<>();
            samples.strata(edition.frameId(), by, register).forEach((key, population) -> strata.add(
                    new Allocator.Stratum(key, population, variances.get(key), fixed.get(key))));
            try {
                render(ctx, edition, form, errors, Allocator.allocate(strata, method, total == null ? 0 : total, minimum));
                return;
            } catch (AllocationException e) {
                errors.add(new FieldError("total", e.messageKey(), e.args()));
            }
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
        render(ctx, edition, form, errors, Map.of());
    }

    /** The drawn sample as CSV: one row per workplace with its stratum and design (staff only, audited). */
    public void sampleCsv(Context ctx) throws java.io.IOException {
        Edition edition = EditionPath.of(ctx, editions);
        SampleStore.Sample sample = currentSample(edition);
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append(org.barometer.formats.sheet.SpreadsheetText.csvLine(SAMPLE_COLUMNS));
        for (SampleStore.SampledUnit u : samples.units(sample.id())) {
            out.append(org.barometer.formats.sheet.SpreadsheetText.csvLine(sampleRow(u)));
        }
        Web.audit(ctx, "sample.export", "sample:" + sample.id(), "csv");
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"sample-edition-" + edition.id() + ".csv\"")
                .result(out.toString());
    }

    /** The drawn sample as XLSX, the same rows as the CSV. */
    public void sampleXlsx(Context ctx) throws java.io.IOException {
        Edition edition = EditionPath.of(ctx, editions);
        SampleStore.Sample sample = currentSample(edition);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        org.dhatim.fastexcel.Workbook wb = new org.dhatim.fastexcel.Workbook(bytes, "Barometer", "1.0");
        org.dhatim.fastexcel.Worksheet ws = wb.newWorksheet("sample");
        for (int k = 0; k < SAMPLE_COLUMNS.size(); k++) {
            ws.value(0, k, SAMPLE_COLUMNS.get(k));
            ws.style(0, k).bold().set();
        }
        int r = 1;
        for (SampleStore.SampledUnit u : samples.units(sample.id())) {
            List<String> row = sampleRow(u);
            for (int k = 0; k < row.size(); k++) {
                if (k == 3 || k == 4) {
                    ws.value(r, k, Double.parseDouble(row.get(k)));
                } else {
                    ws.value(r, k, org.barometer.formats.sheet.SpreadsheetText.neutralise(row.get(k)));
                }
            }
            r++;
        }
        wb.finish();
        Web.audit(ctx, "sample.export", "sample:" + sample.id(), "xlsx");
        ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .header("Content-Disposition", "attachment; filename=\"sample-edition-" + edition.id() + ".xlsx\"")
                .result(bytes.toByteArray());
    }

    private static final List<String> SAMPLE_COLUMNS = List.of("workplace_id", "name", "stratum",
            "inclusion_probability", "design_weight", "manager_name", "manager_email", "language");

    private static List<String> sampleRow(SampleStore.SampledUnit u) {
        return List.of(u.workplaceId(), u.name(), u.stratum(), Double.toString(u.inclusionProbability()),
                Double.toString(1 / u.inclusionProbability()), u.managerName() == null ? "" : u.managerName(),
                u.email(), u.language());
    }

    private SampleStore.Sample currentSample(Edition edition) {
        if (edition.sampleId() == null) {
            throw new io.javalin.http.NotFoundResponse();
        }
        return samples.find(edition.sampleId()).orElseThrow(io.javalin.http.NotFoundResponse::new);
    }

    private static Double parseDecimal(String s) {
        try {
            double d = Double.parseDouble(s.strip().replace(',', '.'));
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
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
