package dev.paas.api.dashboard;

import static dev.paas.api.dashboard.Web.BASE;

import dev.paas.api.auth.UserRepository;
import dev.paas.api.http.Route;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import org.jooq.DSLContext;

/**
 * The signed-in user's password, with the rules of {@code PUT /account/password}. A change ends the user's
 * other dashboard sessions and keeps this one, so whoever knew the old password is signed out.
 */
final class AccountPage {
    private final Web web;
    private final Pages pages;
    private final DSLContext dsl;
    private final UserRepository users;

    AccountPage(Web web, Pages pages, DSLContext dsl, UserRepository users) {
        this.web = web;
        this.pages = pages;
        this.dsl = dsl;
        this.users = users;
    }

    List<Route> routes() {
        return List.of(
                Route.open(HandlerType.GET, BASE + "/account", web.signedIn(this::show)),
                Route.open(HandlerType.POST, BASE + "/account/password", web.signedIn(this::changePassword)));
    }

    void show(Context ctx, Session session) {
        var params = web.params(session, "Account", null, "account");
        params.put("changed", ctx.queryParam("changed") != null);
        pages.render(ctx, 200, "account.jte", params);
    }

    void changePassword(Context ctx, Session session) {
        users.changePassword(dsl, session.user().id(), ctx.formParam("current_password"),
                ctx.formParam("password"), session.idSha256());
        Web.redirect(ctx, BASE + "/account?changed");
    }
}
