package dev.cairn.server.http;

import dev.cairn.protocol.DeviceAuthorizationRequest;
import dev.cairn.protocol.DeviceRequest;
import dev.cairn.protocol.DeviceToken;
import dev.cairn.protocol.DeviceTokenRequest;
import dev.cairn.server.account.AccountService;
import dev.cairn.server.auth.DeviceGrant;
import dev.cairn.server.auth.DeviceService;
import dev.cairn.server.auth.Principal;
import dev.cairn.server.auth.TokenService;
import dev.cairn.server.error.ServiceException;
import io.javalin.http.Context;

/**
 * Device sign-in (docs/spec/http-api.md section 12.1): the RFC 8628 device flow, the scripted sign-in with the
 * password, the account's device list and sign-out.
 */
final class DeviceHandlers {
    private final DeviceService devices;
    private final TokenService tokens;
    private final AccountService accounts;
    private final String publicUrl;

    /** @param publicUrl the server's configured public URL, or null (then the scheme and host of each request) */
    DeviceHandlers(DeviceService devices, TokenService tokens, AccountService accounts, String publicUrl) {
        this.devices = devices;
        this.tokens = tokens;
        this.accounts = accounts;
        this.publicUrl = publicUrl;
    }

    /** {@code POST /api/v1/device/authorize} */
    void authorize(Context ctx) {
        DeviceAuthorizationRequest request = optionalBody(ctx);
        Json.write(ctx, 200, devices.authorize(request.deviceName(), baseUrl(ctx), Requests.clientAddress(ctx)));
    }

    /** {@code POST /api/v1/device/token} */
    void token(Context ctx) {
        DeviceTokenRequest request = Json.read(ctx, DeviceTokenRequest.class);
        Json.write(ctx, 200, answer(devices.poll(request.deviceCode(), Requests.clientAddress(ctx))));
    }

    /** {@code POST /api/v1/devices}: the scripted sign-in. */
    void signIn(Context ctx) {
        DeviceRequest request = Json.read(ctx, DeviceRequest.class);
        Json.write(ctx, 201, answer(devices.signIn(Requests.principal(ctx).accountId(), request.name(),
                request.scope())));
    }

    /** {@code GET /api/v1/account/devices} */
    void list(Context ctx) {
        Json.write(ctx, 200, devices.list(Requests.principal(ctx).accountId()));
    }

    /** {@code DELETE /api/v1/account/devices/{id}} */
    void revoke(Context ctx) {
        devices.revoke(Requests.principal(ctx).accountId(), Requests.idParam(ctx, "device"));
        ctx.status(204);
    }

    /** {@code DELETE /api/v1/device}: the presenting token revokes itself. */
    void signOut(Context ctx) {
        Principal p = Requests.principal(ctx);
        if (p.tokenId() == null) {
            throw ServiceException.badRequest("sign-out revokes the API token the request presents; this request "
                    + "presented the password, which is not revoked this way");
        }
        tokens.revoke(p.accountId(), p.tokenId());
        ctx.status(204);
    }

    private DeviceToken answer(DeviceGrant grant) {
        return new DeviceToken(grant.token().token(), grant.token().id(), accounts.require(grant.accountId()).name(),
                grant.token().name(), grant.token().scope());
    }

    /** The body, or an empty request when there is none ({@code deviceName} is optional). */
    private static DeviceAuthorizationRequest optionalBody(Context ctx) {
        if (ctx.req().getContentLengthLong() == 0) {
            return new DeviceAuthorizationRequest(null);
        }
        return Json.read(ctx, DeviceAuthorizationRequest.class);
    }

    private String baseUrl(Context ctx) {
        String base = publicUrl != null && !publicUrl.isBlank() ? publicUrl
                : ctx.scheme() + "://" + (ctx.host() == null ? "localhost" : ctx.host());
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
