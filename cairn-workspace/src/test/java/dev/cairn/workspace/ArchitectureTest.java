package dev.cairn.workspace;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The workspace is a feature on the platform (docs/architecture.md): it never sees the engine, the agent or another
 * feature's internals; its services know no HTTP; its packages form no cycle.
 */
class ArchitectureTest {
    /** The packages of the services: everything but the HTTP handlers ({@code http}) and the pages ({@code web}). */
    private static final String[] SERVICES = {"dev.cairn.workspace.model..", "dev.cairn.workspace.formula..",
        "dev.cairn.workspace.members..",
        "dev.cairn.workspace.write..", "dev.cairn.workspace.schema..", "dev.cairn.workspace.query..",
        "dev.cairn.workspace.records..", "dev.cairn.workspace.imports..", "dev.cairn.workspace.reports..",
        "dev.cairn.workspace.shares..", "dev.cairn.workspace.pdf..", "dev.cairn.workspace.mail..",
        "dev.cairn.workspace.files..", "dev.cairn.workspace.snapshot.."};
    private static final JavaClasses WORKSPACE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.cairn.workspace");

    @Test
    void theWorkspaceNeverDependsOnTheEngineTheAgentOrAnotherFeature() {
        noClasses().that().resideInAPackage("dev.cairn.workspace..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.cairn.engine..", "dev.cairn.agent..", "dev.cairn.client..",
                        "dev.cairn.dist..", "dev.cairn.export..", "dev.cairn.billing..")
                .check(WORKSPACE);
    }

    @Test
    void servicesDoNotDependOnTheHttpLayerOrThePages() {
        noClasses().that().resideInAnyPackage(SERVICES)
                .should().dependOnClassesThat().resideInAnyPackage("dev.cairn.server.http..", "dev.cairn.server.web..",
                        "dev.cairn.workspace.http..", "dev.cairn.workspace.web..", "io.javalin..")
                .check(WORKSPACE);
    }

    /** Every package is a slice of its own, nested ones too, so a cycle between any two packages fails. */
    @Test
    void theWorkspacesPackagesFormNoCycle() {
        slices().matching("dev.cairn.workspace.(**)").should().beFreeOfCycles().check(WORKSPACE);
    }
}
