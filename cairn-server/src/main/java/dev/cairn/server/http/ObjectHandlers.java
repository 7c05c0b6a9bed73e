package dev.cairn.server.http;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.protocol.ErrorCode;
import dev.cairn.protocol.ObjectInfo;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.storage.ObjectService;
import dev.cairn.server.storage.RepoNames;
import dev.cairn.server.storage.RepoRegistry;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * The native object API ({@code /api/v1/repos/...}, see docs/spec/http-api.md), used by {@code HttpBlobStore}:
 * PUT creates (201; 409 if the name exists), GET/HEAD read (Range gives 206), DELETE removes, GET on a kind lists.
 */
final class ObjectHandlers {
    private final ObjectService objects;
    private final RepoRegistry repos;

    ObjectHandlers(ObjectService objects, RepoRegistry repos) {
        this.objects = objects;
        this.repos = repos;
    }

    /** {@code GET /api/v1/repos} */
    void listRepos(Context ctx) {
        Json.write(ctx, 200, repos.list(Requests.tenant(ctx).accountId()));
    }

    /** {@code PUT /api/v1/repos/{repo}} */
    void createRepo(Context ctx) throws IOException {
        objects.createRepo(Requests.tenant(ctx), repo(ctx));
        ctx.status(204);
    }

    /** {@code GET /api/v1/repos/{repo}/objects/{kind}} */
    void list(Context ctx) throws IOException {
        Json.write(ctx, 200, objects.list(Requests.tenant(ctx), repo(ctx), kind(ctx)).stream()
                .map(i -> new ObjectInfo(i.name().id(), i.size(), i.storedAt() == null ? null
                        : i.storedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))).toList());
    }

    /** {@code HEAD|GET /api/v1/repos/{repo}/objects/{kind}/{id}} */
    void get(Context ctx) throws IOException {
        ObjectResponses.send(ctx, objects, Requests.tenant(ctx), repo(ctx), name(ctx));
    }

    /** {@code PUT /api/v1/repos/{repo}/objects/{kind}/{id}} */
    void put(Context ctx) throws IOException {
        objects.put(Requests.tenant(ctx), repo(ctx), name(ctx), ctx.req().getInputStream(),
                ctx.req().getContentLengthLong(), false);
        ctx.status(201);
    }

    /** {@code DELETE /api/v1/repos/{repo}/objects/{kind}/{id}} */
    void delete(Context ctx) throws IOException {
        objects.delete(Requests.tenant(ctx), repo(ctx), name(ctx));
        ctx.status(204);
    }

    static String repo(Context ctx) {
        return RepoNames.requireValid(ctx.pathParam("repo"));
    }

    private static BlobKind kind(Context ctx) {
        String kind = ctx.pathParam("kind");
        return BlobKind.fromDirName(kind).orElseThrow(() -> ServiceException.notFound("unknown object kind '" + kind
                + "'; kinds are config, keys, data, index, snapshots, locks"));
    }

    private static BlobName name(Context ctx) {
        BlobKind kind = kind(ctx);
        String id = ctx.pathParam("id");
        if (!BlobName.isValidId(kind, id)) {
            throw new ServiceException(ErrorCode.INVALID_NAME, "object id '" + id + "' is invalid for kind "
                    + kind.dirName() + ": expected 8-128 lower-case hex digits (or 'config' for the config kind)");
        }
        return BlobName.of(kind, id);
    }
}
