package dev.cairn.billing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Billing is a feature (ADR 22, ADR 36): it never sees the engine, the agent or another feature; its money, usage,
 * plan and invoice calculation know no HTTP, no web and no command line; its packages form no cycle.
 */
class ArchitectureTest {
    private static final JavaClasses BILLING = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.cairn.billing");

    @Test
    void billingNeverDependsOnTheEngineTheAgentOrAnotherFeature() {
        noClasses().that().resideInAPackage("dev.cairn.billing..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.cairn.engine..", "dev.cairn.agent..", "dev.cairn.client..", "dev.cairn.dist..",
                        "dev.cairn.workspace..", "dev.cairn.export..")
                .check(BILLING);
    }

    @Test
    void theServicesKnowNoHttpWebOrCommandLine() {
        noClasses().that().resideInAnyPackage("dev.cairn.billing.money..", "dev.cairn.billing.usage..",
                "dev.cairn.billing.plan..", "dev.cairn.billing.invoice..", "dev.cairn.billing.pay..",
                "dev.cairn.billing.service..", "dev.cairn.billing.audit..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "picocli..",
                        "dev.cairn.billing.http..", "dev.cairn.billing.web..", "dev.cairn.billing.cli..",
                        "dev.cairn.server.http..", "dev.cairn.server.web..")
                .check(BILLING);
    }

    @Test
    void billingsPackagesFormNoCycle() {
        slices().matching("dev.cairn.billing.(**)").should().beFreeOfCycles().check(BILLING);
    }
}
