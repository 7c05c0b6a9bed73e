package dev.cairn.agent.cli;

import dev.cairn.blob.BlobStore;
import dev.cairn.blob.BlobStores;
import dev.cairn.blob.ReadOnlyBlobStore;
import dev.cairn.blob.ThrottlingBlobStore;
import dev.cairn.client.ServerLocation;
import dev.cairn.engine.compress.Compressors;
import dev.cairn.engine.crypto.KdfParams;
import dev.cairn.engine.repo.Environment;
import dev.cairn.engine.repo.NotARepositoryException;
import dev.cairn.engine.repo.Repositories;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.repo.TreeCache;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Finds, creates and opens repositories for the commands; the only place the CLI touches {@link BlobStores}. */
final class RepositoryAccess {
    private RepositoryAccess() {
    }

    /** {@code -r} or {@code $CAIRN_REPOSITORY}; a usage error if neither is given. */
    static String location(CliContext context, String option, CommandSpec spec) {
        String location = option != null && !option.isBlank() ? option : context.env(CliContext.REPOSITORY_ENV);
        if (location == null) {
            throw new ParameterException(spec.commandLine(), "no repository given: use -r/--repo LOCATION or set CAIRN_REPOSITORY");
        }
        return location;
    }

    /**
     * How a command may use the store: read-only or not, and bandwidth limits in bytes per second
     * ({@link ThrottlingBlobStore#UNLIMITED} for none).
     */
    record StoreAccess(boolean readOnly, long uploadBytesPerSecond, long downloadBytesPerSecond) {
        BlobStore apply(BlobStore store) {
            BlobStore limited = uploadBytesPerSecond == ThrottlingBlobStore.UNLIMITED
                    && downloadBytesPerSecond == ThrottlingBlobStore.UNLIMITED ? store
                    : ThrottlingBlobStore.wrap(store, downloadBytesPerSecond, uploadBytesPerSecond);
            return readOnly ? ReadOnlyBlobStore.wrap(limited) : limited;
        }
    }

    /** A {@code --limit-*} option in KiB/s as bytes per second; unlimited when absent; a usage error below 1. */
    static long bytesPerSecond(Integer kibPerSecond, String option, CommandSpec spec) {
        if (kibPerSecond == null) {
            return ThrottlingBlobStore.UNLIMITED;
        }
        if (kibPerSecond < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1 (KiB per second); leave "
                    + "it out for no limit");
        }
        return kibPerSecond * 1024L;
    }

    /** Opens the repository at {@code location}; the passphrase is asked for only once the store is known to exist. */
    static OpenRepository open(CliContext context, String location, Passphrases passphrases, StoreAccess access,
                               ServerAccess server) throws IOException {
        ServerAccess.Opened remote = ServerLocation.isServer(location) ? server.open(context, location, false) : null;
        BlobStore store = access.apply(remote != null ? remote.store() : openStore(location));
        char[] passphrase = null;
        try {
            passphrase = passphrases.existing();
            Repository repo = Repositories.open(store, passphrase, Environment.system(), context.cacheDirectory());
            if (remote != null) {
                remote.lockWithLeases(repo, server.command());
                repo.useTreeCache(TreeCache.under(context.cacheDirectory(), repo)); // trees from disk, not round trips
            }
            return new OpenRepository(location, store, repo);
        } catch (NotARepositoryException e) {
            store.close();
            throw new NotARepositoryException(location + ": " + e.getMessage(), e);
        } catch (dev.cairn.engine.repo.WrongPassphraseException e) {
            store.close();
            throw passphrases.wrong(e);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
    }

    /** Creates (or reuses an empty) store and initialises a repository in it. */
    static OpenRepository init(CliContext context, String location, char[] passphrase, String compression, StoreAccess access,
                               ServerAccess server) throws IOException {
        Compressors.create(compression); // refuse an unknown name before anything is created
        ServerAccess.Opened remote = ServerLocation.isServer(location) ? server.open(context, location, true) : null;
        BlobStore store = access.apply(remote != null ? remote.store() : BlobStores.create(location));
        try {
            Repositories.InitOptions options = Repositories.InitOptions.defaults().withKdf(kdf(context)).withCompression(compression);
            Repository repo = Repositories.init(store, passphrase, options, Environment.system(), context.cacheDirectory());
            if (remote != null) {
                remote.lockWithLeases(repo, server.command());
                repo.useTreeCache(TreeCache.under(context.cacheDirectory(), repo)); // trees from disk, not round trips
            }
            return new OpenRepository(location, store, repo);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** {@link KdfParams#DEFAULT}, or the cheap test parameters when {@code CAIRN_TEST_KDF=1} (tests and benchmarks only). */
    static KdfParams kdf(CliContext context) {
        return "1".equals(context.env(CliContext.TEST_KDF_ENV)) ? KdfParams.TEST : KdfParams.DEFAULT;
    }

    private static BlobStore openStore(String location) throws IOException {
        try {
            return BlobStores.open(location);
        } catch (NoSuchFileException e) {
            throw new NotARepositoryException("there is no repository at " + location
                    + "; check -r/--repo (or CAIRN_REPOSITORY), or create one with 'cairn init'", e);
        }
    }
}
