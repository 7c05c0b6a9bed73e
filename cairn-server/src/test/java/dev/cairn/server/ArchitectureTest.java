package dev.cairn.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The server stores opaque, client-encrypted bytes: it must never depend on the engine (architecture.md §2). */
class ArchitectureTest {
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.cairn.server");

    @Test
    void serverNeverDependsOnTheEngine() {
        noClasses().that().resideInAPackage("dev.cairn.server..").should().dependOnClassesThat()
                .resideInAPackage("dev.cairn.engine..").check(SERVER);
    }

    @Test
    void servicesDoNotDependOnTheHttpLayer() {
        noClasses().that().resideInAnyPackage("dev.cairn.server.account..", "dev.cairn.server.auth..",
                "dev.cairn.server.storage..", "dev.cairn.server.quota..", "dev.cairn.server.db..",
                "dev.cairn.server.records..", "dev.cairn.server.shares..", "dev.cairn.server.pdf..",
                "dev.cairn.server.mail..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cairn.server.http..", "io.javalin..")
                .check(SERVER);
    }
}
