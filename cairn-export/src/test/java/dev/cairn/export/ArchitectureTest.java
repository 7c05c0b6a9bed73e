package dev.cairn.export;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The export is a feature (docs/architecture.md): it never sees the engine, the agent or another feature's internals
 * beyond the workspace's services; its bundle, age and chain code ({@code bundle}, {@code crypt}, {@code chain}) know
 * neither the workspace nor the server, so the agent can verify, decrypt and rebuild with them alone; its packages
 * form no cycle.
 */
class ArchitectureTest {
    private static final JavaClasses EXPORT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.cairn.export");

    @Test
    void theExportNeverDependsOnTheEngineTheAgentOrAnotherFeature() {
        noClasses().that().resideInAPackage("dev.cairn.export..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.cairn.engine..", "dev.cairn.agent..", "dev.cairn.client..",
                        "dev.cairn.dist..", "dev.cairn.billing..", "dev.cairn.workspace.http..",
                        "dev.cairn.workspace.web..")
                .check(EXPORT);
    }

    @Test
    void theReaderSideKnowsNeitherTheWorkspaceNorTheServer() {
        noClasses().that().resideInAnyPackage("dev.cairn.export.bundle..", "dev.cairn.export.crypt..",
                        "dev.cairn.export.chain..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cairn.workspace..", "dev.cairn.server..",
                        "io.javalin..", "org.jdbi..")
                .check(EXPORT);
    }

    @Test
    void theExportsPackagesFormNoCycle() {
        slices().matching("dev.cairn.export.(**)").should().beFreeOfCycles().check(EXPORT);
    }
}
