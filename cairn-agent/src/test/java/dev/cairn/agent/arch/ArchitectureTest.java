package dev.cairn.agent.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The layering rules of style.md §8.2 that concern the agent, the engine and the blob layer. */
@DisplayName("architecture")
class ArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.cairn");
    }

    static final ArchRule ENGINE_HAS_NO_UI_OR_SERVER_DEPENDENCIES = noClasses().that().resideInAPackage("dev.cairn.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "io.javalin..", "picocli..", "me.tongfei..",
                    "dev.cairn.agent..")
            .because("the engine is a library: no JDBC, HTTP, terminal or CLI code (style.md §8.2)");

    static final ArchRule BLOB_DEPENDS_ON_NOTHING_ELSE_OF_OURS = noClasses().that().resideInAPackage("dev.cairn.blob..")
            .should().dependOnClassesThat(DescribedPredicate.describe("reside in dev.cairn.. outside dev.cairn.blob..",
                    (JavaClass c) -> c.getPackageName().startsWith("dev.cairn.") && !c.getPackageName().startsWith("dev.cairn.blob")))
            .because("the storage layer is the bottom layer");

    static final ArchRule ENGINE_NEVER_PRINTS = noClasses().that().resideInAPackage("dev.cairn.engine..")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("the engine reports through listeners; the CLI renders (style.md §8.7.8)");

    static ArchRule packagesFreeOfCycles(String module) {
        return SlicesRuleDefinition.slices().matching("dev.cairn." + module + ".(*)..").should().beFreeOfCycles()
                .because("a module's packages form layers (issue 13); a cycle means two packages are one");
    }

    @Test
    void enginePackagesHaveNoCycles() {
        packagesFreeOfCycles("engine").check(main);
    }

    @Test
    void agentPackagesHaveNoCycles() {
        packagesFreeOfCycles("agent").check(main);
    }

    @Test
    void importedTheLayers() {
        assertThat(main.stream().map(JavaClass::getPackageName)).anyMatch(p -> p.startsWith("dev.cairn.engine."))
                .anyMatch(p -> p.equals("dev.cairn.blob")).anyMatch(p -> p.startsWith("dev.cairn.agent"));
    }

    @Test
    void engineHasNoUiOrServerDependencies() {
        ENGINE_HAS_NO_UI_OR_SERVER_DEPENDENCIES.check(main);
    }

    @Test
    void blobDependsOnNothingElseOfOurs() {
        BLOB_DEPENDS_ON_NOTHING_ELSE_OF_OURS.check(main);
    }

    @Test
    void engineNeverPrints() {
        ENGINE_NEVER_PRINTS.check(main);
    }

    @Test
    @DisplayName("the rules do fail on violations (checked against the agent, which prints and uses picocli)")
    void rulesCanFail() {
        JavaClasses agent = new ClassFileImporter().importPackages("dev.cairn.agent");
        ArchRule prints = noClasses().that().resideInAPackage("dev.cairn.agent..").should(GeneralCodingRules.ACCESS_STANDARD_STREAMS);
        ArchRule usesPicocli = noClasses().that().resideInAPackage("dev.cairn.agent..").should().dependOnClassesThat()
                .resideInAnyPackage("picocli..");
        assertThatThrownBy(() -> prints.check(agent)).isInstanceOf(AssertionError.class).hasMessageContaining("System.out");
        assertThatThrownBy(() -> usesPicocli.check(agent)).isInstanceOf(AssertionError.class);
    }

    @Test
    @DisplayName("the cycle rule does fail on a cycle (two fixture packages that use each other)")
    void cycleRuleCanFail() {
        JavaClasses fixtures = new ClassFileImporter().importPackages("dev.cairn.agent.arch.cycle");
        assertThat(fixtures.size()).isEqualTo(2);
        ArchRule rule = SlicesRuleDefinition.slices().matching("dev.cairn.agent.arch.cycle.(*)..").should().beFreeOfCycles();
        assertThatThrownBy(() -> rule.check(fixtures)).isInstanceOf(AssertionError.class).hasMessageContaining("Cycle");
    }
}
