package org.barometer.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.barometer.app.db.PlantedCycle;
import org.barometer.app.portal.PlantedDemoUse;
import org.barometer.app.portal.PlantedQuery;
import org.barometer.app.portal.PlantedRoute;
import org.barometer.app.text.PlantedImport;
import org.barometer.stats.PlantedAppUse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of the house, read from the compiled classes: no package cycles in the app, nothing but the entry point
 * imports the demo, the libraries import nothing of the app, SQL only in stores, routes only in {@code web/Routes},
 * and every package imports only what {@code docs/architecture.md} allows it. Each rule is also shown to fail on a
 * planted violation: a class under {@code src/test} that breaks it (the {@code Planted…} classes), which the real
 * check leaves out with the other test classes.
 */
class ArchitectureTest {
    static final String APP = "org.barometer.app";
    static final Path DOC = Path.of("..", "docs", "architecture.md");

    static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = importWith(null);
    }

    /** The production classes of every module, and the one planted class when given. */
    static JavaClasses importWith(Class<?> planted) {
        String plantedFile = planted == null ? null : "/" + planted.getName().replace('.', '/') + ".class";
        ImportOption option = location -> ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location)
                || (plantedFile != null && location.contains(plantedFile));
        return new ClassFileImporter().withImportOption(option).importPackages("org.barometer");
    }

    // ---------------------------------------------------------------------------------------------- rules

    static ArchRule noPackageCycles() {
        return slices().matching(APP + ".(**)").should().beFreeOfCycles();
    }

    static ArchRule onlyTheEntryPointUsesTheDemo() {
        return noClasses().that().resideOutsideOfPackage(APP + ".demo..").and().doNotHaveFullyQualifiedName(APP + ".Main")
                .should().dependOnClassesThat().resideInAPackage(APP + ".demo..");
    }

    static ArchRule librariesDoNotUseTheApp() {
        return noClasses().that().resideInAnyPackage("org.barometer.stats..", "org.barometer.forms..", "org.barometer.formats..")
                .should().dependOnClassesThat().resideInAPackage(APP + "..");
    }

    static ArchRule onlyStoresRunSql() {
        return classes().that().resideInAPackage(APP + "..").and().resideOutsideOfPackage(APP + ".db..")
                .should(new ArchCondition<>("run no SQL (no JDBI call, no java.sql) unless they are a …Store") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        if (topLevel(c).getSimpleName().endsWith("Store")) {
                            return;
                        }
                        for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
                            if (call.getTargetOwner().getPackageName().startsWith("org.jdbi")) {
                                events.add(SimpleConditionEvent.violated(c, call.getDescription()));
                            }
                        }
                        for (Dependency d : c.getDirectDependenciesFromSelf()) {
                            if (d.getTargetClass().getPackageName().startsWith("java.sql")) {
                                events.add(SimpleConditionEvent.violated(c, d.getDescription()));
                            }
                        }
                    }
                });
    }

    static final Set<String> ROUTE_METHODS = Set.of("get", "post", "put", "patch", "delete", "head", "path", "crud",
            "addEndpoint", "sse", "ws", "query");

    static ArchRule routesOnlyInTheRouteTable() {
        return classes().that().resideInAPackage(APP + "..").and().doNotHaveFullyQualifiedName(APP + ".web.Routes")
                .should(new ArchCondition<>("declare no route (only web/Routes does)") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        if (topLevel(c).getFullName().equals(APP + ".web.Routes")) {
                            return;
                        }
                        for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
                            String owner = call.getTargetOwner().getFullName();
                            boolean routing = owner.equals("io.javalin.apibuilder.ApiBuilder")
                                    || owner.equals("io.javalin.config.RoutesConfig")
                                    || owner.equals("io.javalin.router.JavalinDefaultRoutingApi");
                            if (routing && ROUTE_METHODS.contains(call.getName())) {
                                events.add(SimpleConditionEvent.violated(c, call.getDescription()));
                            }
                        }
                    }
                });
    }

    /**
     * Per app package (relative to {@code org.barometer.app}), the app packages it may import, as the table of the
     * document's section "Packages of `app`" lists them.
     */
    static Map<String, Set<String>> documentedImports() throws IOException {
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^\\| `([a-z.]+)` \\|[^|]*\\| (.*) \\|$");
        boolean inSection = false;
        for (String line : Files.readAllLines(DOC)) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Packages of `app`");
            }
            Matcher m = row.matcher(line);
            if (inSection && m.matches()) {
                Set<String> imports = new LinkedHashSet<>();
                Matcher p = Pattern.compile("`([a-z.]+)`").matcher(m.group(2));
                while (p.find()) {
                    imports.add(p.group(1));
                }
                allowed.put(m.group(1), imports);
            }
        }
        return allowed;
    }

    static ArchRule packagesImportOnlyWhatTheDocAllows(Map<String, Set<String>> allowed) {
        return classes().that().resideInAPackage(APP + "..").and().resideOutsideOfPackage(APP)
                .should(new ArchCondition<>("import only the app packages docs/architecture.md allows their package") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        String own = relative(c.getPackageName());
                        Set<String> may = allowed.get(own);
                        if (may == null) {
                            events.add(SimpleConditionEvent.violated(c, "package " + own + " of " + c.getName()
                                    + " is not listed in " + DOC));
                            return;
                        }
                        for (Dependency d : c.getDirectDependenciesFromSelf()) {
                            String target = d.getTargetClass().getPackageName();
                            if (!target.startsWith(APP)) {
                                continue;
                            }
                            String to = relative(target);
                            if (!to.equals(own) && !may.contains(to)) {
                                events.add(SimpleConditionEvent.violated(c, own + " may not import " + to + ": "
                                        + d.getDescription()));
                            }
                        }
                    }
                });
    }

    static String relative(String packageName) {
        return packageName.equals(APP) ? "(root)" : packageName.substring(APP.length() + 1);
    }

    static JavaClass topLevel(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    // ---------------------------------------------------------------------------------------------- the checks

    @Test
    void theAppHasNoPackageCycles() {
        noPackageCycles().check(production);
    }

    @Test
    void nothingButTheEntryPointUsesTheDemo() {
        onlyTheEntryPointUsesTheDemo().check(production);
    }

    @Test
    void theLibrariesUseNothingOfTheApp() {
        librariesDoNotUseTheApp().check(production);
    }

    @Test
    void sqlRunsOnlyInStores() {
        onlyStoresRunSql().check(production);
    }

    @Test
    void routesAreDeclaredOnlyInTheRouteTable() {
        routesOnlyInTheRouteTable().check(production);
    }

    @Test
    void everyPackageImportsOnlyWhatTheArchitectureDocumentAllows() throws IOException {
        Map<String, Set<String>> allowed = documentedImports();
        assertThat(allowed).containsKeys("db", "text", "platform", "http", "web", "demo", "portal", "publish.compute");
        packagesImportOnlyWhatTheDocAllows(allowed).check(production);
        // and every documented package exists, so the document cannot describe a layout that is gone
        Set<String> existing = production.stream().map(JavaClass::getPackageName).filter(p -> p.startsWith(APP + "."))
                .map(ArchitectureTest::relative).collect(Collectors.toSet());
        assertThat(existing).containsAll(allowed.keySet());
    }

    // ---------------------------------------------------------------------------------------------- planted

    @Test
    void eachRuleFailsOnItsPlantedViolation() throws IOException {
        Map<Class<?>, ArchRule> planted = new LinkedHashMap<>();
        planted.put(PlantedCycle.class, noPackageCycles());
        planted.put(PlantedDemoUse.class, onlyTheEntryPointUsesTheDemo());
        planted.put(PlantedAppUse.class, librariesDoNotUseTheApp());
        planted.put(PlantedQuery.class, onlyStoresRunSql());
        planted.put(PlantedRoute.class, routesOnlyInTheRouteTable());
        planted.put(PlantedImport.class, packagesImportOnlyWhatTheDocAllows(documentedImports()));
        for (Map.Entry<Class<?>, ArchRule> e : planted.entrySet()) {
            JavaClasses withPlanted = importWith(e.getKey());
            assertThat(withPlanted.contain(e.getKey())).as(e.getKey().getName()).isTrue();
            assertThatThrownBy(() -> e.getValue().check(withPlanted)).as("the rule broken by " + e.getKey().getSimpleName())
                    .isInstanceOf(AssertionError.class).hasMessageContaining(e.getKey().getSimpleName());
        }
        assertThat(List.copyOf(planted.keySet())).hasSize(6);
    }
}
