package dev.cairn.billing.http;

import static io.javalin.http.HandlerType.GET;

import dev.cairn.billing.invoice.Invoice;
import dev.cairn.billing.invoice.InvoiceCsv;
import dev.cairn.billing.invoice.InvoicePdf;
import dev.cairn.billing.invoice.InvoiceView;
import dev.cairn.billing.service.BillingModule;
import dev.cairn.server.auth.Principal;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.http.Json;
import dev.cairn.server.http.Requests;
import dev.cairn.server.http.Role;
import dev.cairn.server.http.Route;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * The customer's billing API (docs/spec/http-api.md §15), role {@link Role#ACCOUNT}: the account's invoices and credit
 * notes, each as JSON, PDF and CSV, and the month so far with the forecast. An id of another account's invoice is
 * not found.
 */
public final class BillingApi {
    public static final String INVOICES = "/api/v1/account/invoices";
    public static final String USAGE = "/api/v1/account/billing";

    private BillingApi() {
    }

    public static List<Route> routes(BillingModule module) {
        BillingApi.Handlers h = new Handlers(module);
        return List.of(new Route(GET, INVOICES, Role.ACCOUNT, h::list),
                new Route(GET, USAGE, Role.ACCOUNT, h::usage),
                new Route(GET, INVOICES + "/{file}", Role.ACCOUNT, h::one));
    }

    /** Also used by the pages (session role) to download. */
    public record Handlers(BillingModule module) {
        void list(Context ctx) {
            Principal p = Requests.principal(ctx);
            Json.write(ctx, 200, Map.of("invoices", module.invoices().list(p.accountId()).stream()
                    .map(InvoiceView::of).toList()));
        }

        void usage(Context ctx) {
            Principal p = Requests.principal(ctx);
            Json.write(ctx, 200, Map.of("plan", module.accounts().get(p.accountId()).plan(),
                    "preview", InvoiceView.of(module.invoicing().preview(p.accountId()), p.accountName(), "preview"),
                    "forecast", InvoiceView.of(module.invoicing().forecast(p.accountId()), p.accountName(), "forecast")));
        }

        /** {@code {id}}, {@code {id}.pdf} or {@code {id}.csv} of the caller's own invoice. */
        public void one(Context ctx) {
            String file = ctx.pathParam("file");
            int dot = file.indexOf('.');
            String ext = dot < 0 ? "json" : file.substring(dot + 1);
            Invoice i = own(ctx, dot < 0 ? file : file.substring(0, dot));
            switch (ext) {
                case "json" -> Json.write(ctx, 200, InvoiceView.of(i));
                case "pdf" -> send(ctx, "application/pdf", i.number() + ".pdf", InvoicePdf.render(i));
                case "csv" -> send(ctx, "text/csv; charset=utf-8", i.number() + ".csv",
                        InvoiceCsv.render(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                default -> throw ServiceException.notFound("invoices come as .pdf, .csv or JSON, not ." + ext);
            }
        }

        private Invoice own(Context ctx, String id) {
            long n;
            try {
                n = Long.parseLong(id);
            } catch (NumberFormatException e) {
                throw ServiceException.notFound("no invoice " + id);
            }
            Invoice i = module.invoices().get(n);
            if (i.accountId() != Requests.principal(ctx).accountId()) {
                throw ServiceException.notFound("no invoice with id " + id);
            }
            return i;
        }

        private static void send(Context ctx, String type, String name, byte[] body) {
            ctx.status(200).contentType(type).header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                    .result(body);
        }
    }
}
