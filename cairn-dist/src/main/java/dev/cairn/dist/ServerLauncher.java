package dev.cairn.dist;

import dev.cairn.billing.BillingFeature;
import dev.cairn.export.ExportFeature;
import dev.cairn.server.ServerMain;
import dev.cairn.server.feature.Feature;
import dev.cairn.workspace.WorkspaceFeature;
import java.util.List;

/**
 * The composition root of {@code cairn server}: the platform with the product's features plugged in, in this order
 * (their routes and navigation entries follow it). Later features (billing) are added here.
 */
public final class ServerLauncher {
    /** The features of the distribution. */
    static final List<Feature> FEATURES = List.of(new WorkspaceFeature(), new ExportFeature(),
            BillingFeature.fromEnvironment(System.getenv()));

    private ServerLauncher() {
    }

    public static void main(String[] args) {
        ServerMain.run(args, FEATURES);
    }
}
