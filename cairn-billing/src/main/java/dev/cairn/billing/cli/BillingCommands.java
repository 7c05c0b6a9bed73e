package dev.cairn.billing.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cairn.billing.BillingFeature;
import dev.cairn.billing.service.BillingModule;
import dev.cairn.server.cli.CommonOptions;
import dev.cairn.server.cli.FeatureCommands;
import java.io.IOException;
import java.util.List;

/** The billing's {@code cairn server} subcommands: {@code plan add|retire|prices}, {@code invoices ...}, {@code billing ...}. */
public final class BillingCommands {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BillingCommands() {
    }

    public static List<FeatureCommands.Subcommand> all(FeatureCommands.Session session) {
        return List.of(new FeatureCommands.Subcommand("plan", new PlanAddCommand(session)),
                new FeatureCommands.Subcommand("plan", new PlanRetireCommand(session)),
                new FeatureCommands.Subcommand("plan", new PlanPricesCommand(session)),
                new FeatureCommands.Subcommand(null, new InvoicesCommand(session)),
                new FeatureCommands.Subcommand(null, new BillingCommand(session)));
    }

    /** The body of a billing command, with the started module. */
    @FunctionalInterface
    interface Body {
        void run(BillingModule module) throws Exception;
    }

    static int run(FeatureCommands.Session session, CommonOptions local, Body body) throws IOException {
        return session.run(local, started -> body.run(((BillingFeature.Started) started).module()));
    }

    /** Who an admin command acts as, for the audit log. */
    static String actor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    static void json(FeatureCommands.Session session, Object value) throws IOException {
        session.out().println(JSON.writeValueAsString(value));
    }
}
