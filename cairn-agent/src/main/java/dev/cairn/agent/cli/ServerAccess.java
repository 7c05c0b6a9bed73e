package dev.cairn.agent.cli;

import dev.cairn.agent.remote.Credentials;
import dev.cairn.agent.remote.LeaseGuard;
import dev.cairn.agent.remote.SavedTokens;
import dev.cairn.agent.remote.ServerLocking;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.BlobStores;
import dev.cairn.client.HttpBlobStoreProvider;
import dev.cairn.client.LeaseClient;
import dev.cairn.client.RemoteStores;
import dev.cairn.client.ServerLocation;
import dev.cairn.client.SignedOutException;
import dev.cairn.engine.repo.Environment;
import dev.cairn.engine.repo.Repository;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;

/**
 * How a command reaches a repository on a cairn server ({@code https://HOST[:PORT]/REPO}): the credential
 * ({@link Credentials}: {@code --token-file}, {@code $CAIRN_TOKEN}, {@code cairn login}), plain http only to loopback
 * unless {@code --insecure-http}, and the command's name for the lease holder.
 */
record ServerAccess(Path tokenFile, boolean insecureHttp, String command) {

    /**
     * A server store opened for a command, and how to lock it. {@code leaseHttp} is the leases' HTTP client; closing
     * {@code store} shuts it down.
     */
    record Opened(BlobStore store, ServerLocation location, String token, LeaseGuard guard, HttpClient leaseHttp) {
        /** Makes {@code repo} take server leases (guarded by this store's {@link LeaseGuard}) instead of lock objects. */
        void lockWithLeases(Repository repo, String command) {
            Environment env = repo.environment();
            String holder = env.username() + "@" + env.hostname() + " pid " + env.pid() + " (" + command + ")";
            repo.useLocking(new ServerLocking(LeaseClient.of(leaseHttp, location, token), holder,
                    ServerLocking.TTL, guard, env.clock()));
        }
    }

    /** The location parsed as a server repository (usage errors say what is wrong). */
    ServerLocation location(String location) {
        return ServerLocation.repository(location, insecureHttp);
    }

    /** Opens (with {@code create}: creates first) the server repository at {@code location}. */
    Opened open(CliContext context, String location, boolean create) throws IOException {
        ServerLocation server = location(location);
        String token = token(context, server);
        Map<String, String> settings = Map.of(HttpBlobStoreProvider.TOKEN, token,
                HttpBlobStoreProvider.INSECURE_HTTP, Boolean.toString(insecureHttp));
        BlobStore store = create ? BlobStores.create(location, settings) : BlobStores.open(location, settings);
        LeaseGuard guard = new LeaseGuard();
        HttpClient leaseHttp = RemoteStores.client(server);
        return new Opened(RemoteStores.closingAlso(guard.wrap(store), leaseHttp), server, token, guard, leaseHttp);
    }

    /** The token for {@code server}, first found wins; signed out if there is none. */
    String token(CliContext context, ServerLocation server) throws IOException {
        return Credentials.find(server, tokenFile, context.env(Credentials.TOKEN_ENV), savedTokens(context))
                .orElseThrow(() -> new SignedOutException(server.serverAddress(), "no-credential")).token();
    }

    static SavedTokens savedTokens(CliContext context) {
        return new SavedTokens(context.configDirectory());
    }
}
