package dev.cairn.server.web;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.auth.DeviceService;
import dev.cairn.server.auth.PendingDevice;
import dev.cairn.server.auth.Principal;
import dev.cairn.server.auth.UserCodes;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.runs.RunService;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Devices in the browser: the approval page of a device sign-in ({@code /device}, the code prefilled from
 * {@code ?code=}; a browser without a session logs in first and comes back), and the list of signed-in devices with
 * a sign-out button each, and the run history the devices' agents reported. Thread-safe.
 */
public final class DevicePages {
    private final Pages pages;
    private final DeviceService devices;
    private final RunService runs;
    static final int HISTORY = 50;

    DevicePages(Pages pages, DeviceService devices, RunService runs) {
        this.pages = pages;
        this.devices = devices;
        this.runs = runs;
    }

    /** {@code GET /device}: with a live code, the device's name and Approve/Deny; else the field to type the code. */
    public void approvalPage(Context ctx) {
        String typed = ctx.queryParam("code");
        Forms form = Forms.empty().value("code", typed == null ? "" : typed.strip());
        Optional<PendingDevice> pending = typed == null || typed.isBlank() ? Optional.empty() : devices.pending(typed);
        if (typed != null && !typed.isBlank() && pending.isEmpty()) {
            form.error("code", unknownCode());
        }
        show(ctx, form.hasErrors() ? 404 : 200, form, pending.orElse(null), null);
    }

    /** {@code POST /device}: fields {@code code}, {@code name} and {@code decision} ({@code approve} or {@code deny}). */
    public void decide(Context ctx) {
        Principal p = pages.principal(ctx);
        Forms form = Forms.of(ctx, "code", "name");
        String code = form.value("code");
        String decision = Forms.field(ctx, "decision");
        Optional<PendingDevice> pending = devices.pending(code);
        if (pending.isEmpty()) {
            show(ctx, 404, form.error("code", unknownCode()), null, null);
            return;
        }
        try {
            if ("approve".equals(decision)) {
                devices.approve(code, p.accountId(), form.value("name"));
                show(ctx, 200, Forms.empty(), null, "approved");
            } else if ("deny".equals(decision)) {
                devices.deny(code, p.accountId());
                show(ctx, 200, Forms.empty(), null, "denied");
            } else {
                show(ctx, 400, form.message("Choose Approve or Deny."), pending.get(), null);
            }
        } catch (ServiceException e) {
            if (e.code() != ErrorCode.BAD_REQUEST) {
                throw e;
            }
            show(ctx, 400, form.error("name", "Give the device a name of 1-100 characters."), pending.get(), null);
        }
    }

    private static String unknownCode() {
        return "No sign-in is waiting for this code. Check the code the device shows; codes are valid for 10 minutes, "
                + "so start the sign-in on the device again if it expired.";
    }

    private void show(Context ctx, int status, Forms form, PendingDevice pending, String outcome) {
        pages.render(ctx, status, "device.jte", pages.chrome(ctx, "Sign in a device", Chrome.DEVICES),
                "form", form, "pending", pending, "shownCode", pending == null ? null
                        : UserCodes.display(pending.userCode()), "outcome", outcome);
    }

    /** {@code GET /devices?device=}: the signed-in devices and the latest runs (of one device when named). */
    public void listPage(Context ctx) {
        Principal p = pages.principal(ctx);
        String device = ctx.queryParam("device");
        String filter = device == null || device.isBlank() ? null : device.strip();
        pages.render(ctx, 200, "devices.jte", pages.chrome(ctx, "Devices", Chrome.DEVICES),
                "devices", devices.list(p.accountId()), "host", host(ctx), "notice", Notices.of(ctx.queryParam("done")),
                "runs", runs.list(p.accountId(), filter, HISTORY, null), "runDevice", filter,
                "reported", runs.lastSuccessfulBackups(p.accountId()));
    }

    /** {@code POST /devices/{id}/revoke}: signs the device out (its token stops working at once). */
    public void revoke(Context ctx) {
        Principal p = pages.principal(ctx);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ServiceException.notFound("no device '" + ctx.pathParam("id") + "'");
        }
        devices.revoke(p.accountId(), id);
        Pages.seeOther(ctx, "/devices?done=signed-out");
    }

    /** The server as this browser reached it, for the commands the pages show. */
    static String host(Context ctx) {
        return ctx.scheme() + "://" + (ctx.host() == null ? "localhost" : ctx.host());
    }
}
