package dev.cairn.workspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.server.TestServer;
import dev.cairn.server.web.WebClient;
import dev.cairn.workspace.WorkspaceServer;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The members page: invitations by email with a role, the link shown once, accepting it as the invited account
 * (another email is refused), open invitations and revoking them, role changes and removal, and the owner-only rule.
 */
class MemberPagesTest {
    private static final Pattern LINK = Pattern.compile("id=\"invite-link\">https?://[^/]+(/web/invitation\\?code="
            + "([^<\"]+))<");
    @TempDir
    static Path dir;
    static TestServer server;
    static WebClient owner;
    static final String BASE = "/web/workspace/mbowner";

    @BeforeAll
    static void start() throws Exception {
        server = WorkspaceServer.start(dir.resolve("server"));
        owner = signedIn("mbowner");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static WebClient signedIn(String name) throws Exception {
        WebClient web = new WebClient(server);
        assertThat(web.signUp(name, name + "-password").statusCode()).isEqualTo(303);
        return web;
    }

    /** Invites through the page; returns the path of the invitation link. */
    private static String invite(String email, String role) throws Exception {
        owner.get(BASE + "/members");
        var r = owner.post(BASE + "/invites", "email", email, "role", role);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        Matcher m = LINK.matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return m.group(1).replace("&#61;", "=");
    }

    private static String code(String link) {
        return link.substring(link.indexOf('=') + 1);
    }

    @Test
    void anInvitedAccountJoinsThroughTheLinkWithTheRoleGivenAndTheOwnerManagesIt() throws Exception {
        String link = invite("mbguest@example.com", "viewer");
        assertThat(owner.get(BASE + "/members").body()).contains("mbguest@example.com as viewer");

        WebClient other = signedIn("mbother");
        other.get(link);
        assertThat(other.lastPage()).contains("value=\"" + code(link) + "\"");
        var wrong = other.post("/web/invitation", "code", code(link));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("another email address").contains("role=\"alert\"");

        WebClient guest = signedIn("mbguest");
        var page = guest.get(link);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Accept invitation").contains("<strong>mbguest</strong>");
        var accepted = guest.post("/web/invitation", "code", code(link));
        assertThat(accepted.statusCode()).isEqualTo(303);
        assertThat(accepted.headers().firstValue("Location").orElseThrow()).isEqualTo(BASE + "/tables?done=joined");
        assertThat(guest.get(BASE + "/tables").statusCode()).isEqualTo(200);
        var members = guest.get(BASE + "/members");
        assertThat(members.body()).contains("id=\"member-mbguest\"").doesNotContain("Create invitation")
                .doesNotContain("Remove mbguest");
        assertThat(guest.post(BASE + "/invites", "email", "x@example.com", "role", "owner").statusCode())
                .isEqualTo(403);

        var listed = owner.get(BASE + "/members");
        assertThat(listed.body()).contains("Save role of mbguest").contains("The workspace's account is always an "
                + "owner").doesNotContain("mbguest@example.com as viewer");
        assertThat(owner.post(BASE + "/members/mbguest/role", "role", "editor").statusCode()).isEqualTo(303);
        assertThat(owner.get(BASE + "/members").body()).contains("<td class=\"role\">editor</td>");
        assertThat(owner.post(BASE + "/members/mbguest/remove").statusCode()).isEqualTo(303);
        assertThat(guest.get(BASE + "/tables").statusCode()).isEqualTo(404);
    }

    @Test
    void aRevokedInvitationNoLongerWorksAndBadInputIsMarked() throws Exception {
        String link = invite("mblate@example.com", "editor");
        owner.get(BASE + "/members");
        var bad = owner.post(BASE + "/invites", "email", "not an email", "role", "boss");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"invite-email-error\"").contains("id=\"invite-role-error\"")
                .contains("value=\"not an email\"");
        String listed = owner.get(BASE + "/members").body();
        Matcher m = Pattern.compile("action=\"" + BASE + "/invites/(\\d+)/revoke\"").matcher(listed);
        assertThat(m.find()).isTrue();
        assertThat(owner.post(BASE + "/invites/" + m.group(1) + "/revoke").statusCode()).isEqualTo(303);
        assertThat(owner.get(BASE + "/members?done=invite-revoked").body()).contains("was revoked")
                .doesNotContain("mblate@example.com as editor");

        WebClient late = signedIn("mblate");
        late.get(link);
        var gone = late.post("/web/invitation", "code", code(link));
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(late.get(BASE + "/tables").statusCode()).isEqualTo(404);
    }
}
