package dev.cairn.server.http;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.protocol.ErrorCode;
import dev.cairn.protocol.MediaTypes;
import dev.cairn.protocol.ObjectInfo;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.storage.ObjectService;
import dev.cairn.server.storage.RepoNames;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The restic REST backend protocol v2 (as rest-server speaks it) under {@code /{account}/{repo}/}: create, config,
 * listings (v1 names or v2 name+size by {@code Accept}), and HEAD/GET (with Range)/POST/DELETE of objects. Uploads of
 * data, index, snapshot and key files are verified against their SHA-256 names; re-uploading an identical object
 * succeeds without storing it twice (restic retries uploads).
 */
final class ResticHandlers {
    /** Kinds restic names by the SHA-256 of their content. */
    private static final Set<BlobKind> HASH_NAMED = Set.of(BlobKind.PACK, BlobKind.INDEX, BlobKind.SNAPSHOT,
            BlobKind.KEY);

    private final ObjectService objects;

    ResticHandlers(ObjectService objects) {
        this.objects = objects;
    }

    /** {@code POST /{account}/{repo}/?create=true} */
    void createRepo(Context ctx) throws IOException {
        if (!"true".equals(ctx.queryParam("create"))) {
            throw ServiceException.badRequest("to create a repository, POST with ?create=true");
        }
        objects.createRepo(Requests.tenant(ctx), repo(ctx));
        ctx.status(200);
    }

    /** {@code HEAD|GET /{account}/{repo}/config} */
    void getConfig(Context ctx) throws IOException {
        ObjectResponses.send(ctx, objects, Requests.tenant(ctx), repo(ctx), BlobName.CONFIG);
    }

    /** {@code POST /{account}/{repo}/config} */
    void postConfig(Context ctx) throws IOException {
        objects.put(Requests.tenant(ctx), repo(ctx), BlobName.CONFIG, ctx.req().getInputStream(),
                ctx.req().getContentLengthLong(), false);
        ctx.status(200);
    }

    /** {@code DELETE /{account}/{repo}/config} */
    void deleteConfig(Context ctx) throws IOException {
        objects.delete(Requests.tenant(ctx), repo(ctx), BlobName.CONFIG);
        ctx.status(200);
    }

    /** {@code GET /{account}/{repo}/{type}/} */
    void list(Context ctx) throws IOException {
        List<BlobInfo> infos = objects.list(Requests.tenant(ctx), repo(ctx), kind(ctx));
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains(MediaTypes.RESTIC_V2)) {
            Json.write(ctx, 200, MediaTypes.RESTIC_V2,
                    infos.stream().map(i -> new ObjectInfo(i.name().id(), i.size())).toList());
        } else {
            Json.write(ctx, 200, MediaTypes.RESTIC_V1, infos.stream().map(i -> i.name().id()).toList());
        }
    }

    /** {@code HEAD|GET /{account}/{repo}/{type}/{name}} */
    void get(Context ctx) throws IOException {
        ObjectResponses.send(ctx, objects, Requests.tenant(ctx), repo(ctx), name(ctx));
    }

    /** {@code POST /{account}/{repo}/{type}/{name}} */
    void post(Context ctx) throws IOException {
        BlobName name = name(ctx);
        objects.put(Requests.tenant(ctx), repo(ctx), name, ctx.req().getInputStream(),
                ctx.req().getContentLengthLong(), HASH_NAMED.contains(name.kind()));
        ctx.status(200);
    }

    /** {@code DELETE /{account}/{repo}/{type}/{name}} */
    void delete(Context ctx) throws IOException {
        objects.delete(Requests.tenant(ctx), repo(ctx), name(ctx));
        ctx.status(200);
    }

    static String repo(Context ctx) {
        return RepoNames.requireValid(ctx.pathParam("repo"));
    }

    private static BlobKind kind(Context ctx) {
        String type = ctx.pathParam("type");
        return BlobKind.fromDirName(type).filter(k -> k != BlobKind.CONFIG).orElseThrow(() -> ServiceException.notFound(
                "unknown object type '" + type + "'; restic uses data, keys, locks, snapshots, index"));
    }

    private static BlobName name(Context ctx) {
        BlobKind kind = kind(ctx);
        String id = ctx.pathParam("name");
        if (!BlobName.isValidId(kind, id)) {
            throw new ServiceException(ErrorCode.INVALID_NAME, "object name '" + id + "' is invalid: expected 8-128 "
                    + "lower-case hex digits");
        }
        return BlobName.of(kind, id);
    }
}
