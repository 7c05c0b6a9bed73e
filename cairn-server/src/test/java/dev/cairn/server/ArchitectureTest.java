package dev.cairn.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The platform's layering (docs/architecture.md): it stores opaque, client-encrypted bytes and never depends on the
 * engine; it never imports a feature (features plug in through {@code dev.cairn.server.feature}); its services know no
 * HTTP; its packages form no cycle.
 */
class ArchitectureTest {
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.cairn.server");

    @Test
    void serverNeverDependsOnTheEngine() {
        noClasses().that().resideInAPackage("dev.cairn.server..").should().dependOnClassesThat()
                .resideInAPackage("dev.cairn.engine..").check(SERVER);
    }

    @Test
    void thePlatformNeverImportsAFeatureOrTheAgent() {
        noClasses().that().resideInAPackage("dev.cairn.server..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.cairn.workspace..", "dev.cairn.export..", "dev.cairn.billing..",
                        "dev.cairn.agent..", "dev.cairn.client..", "dev.cairn.dist..")
                .check(SERVER);
    }

    @Test
    void servicesDoNotDependOnTheHttpLayer() {
        noClasses().that().resideInAnyPackage("dev.cairn.server.account..", "dev.cairn.server.auth..",
                "dev.cairn.server.storage..", "dev.cairn.server.quota..", "dev.cairn.server.db..",
                "dev.cairn.server.mail..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cairn.server.http..", "io.javalin..")
                .check(SERVER);
    }

    @Test
    void thePlatformsPackagesFormNoCycle() {
        slices().matching("dev.cairn.server.(*)..").should().beFreeOfCycles().check(SERVER);
    }
}
