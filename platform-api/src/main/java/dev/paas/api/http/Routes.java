package dev.paas.api.http;

import static dev.paas.api.http.Route.delete;
import static dev.paas.api.http.Route.get;
import static dev.paas.api.http.Route.patch;
import static dev.paas.api.http.Route.post;
import static dev.paas.api.http.Route.put;

import dev.paas.api.addon.AddonHandler;
import dev.paas.api.agent.AgentHandler;
import dev.paas.api.app.AppHandler;
import dev.paas.api.auth.AccountHandler;
import dev.paas.api.auth.AuthorizationHandler;
import dev.paas.api.build.BuildHandler;
import dev.paas.api.collaborator.CollaboratorHandler;
import dev.paas.api.configvar.ConfigVarHandler;
import dev.paas.api.domain.DomainHandler;
import dev.paas.api.domain.SniEndpointHandler;
import dev.paas.api.event.EventStreamHandler;
import dev.paas.api.formation.FormationHandler;
import dev.paas.api.instance.DynoHandler;
import dev.paas.api.instance.DynoStopHandler;
import dev.paas.api.instance.OneOffHandler;
import dev.paas.api.log.LogHandler;
import dev.paas.api.log.LogSessionHandler;
import dev.paas.api.release.ReleaseHandler;
import dev.paas.api.route.RouteHandler;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseHandler;
import java.util.List;

/** Every endpoint of the API in one table. /openapi.json documents exactly these. */
public final class Routes {
    private Routes() {
    }

    /** The handlers of endpoints that exist for Heroku clients (the heroku CLI) to work unchanged. */
    public record HerokuCompat(AddonHandler addons, SniEndpointHandler sniEndpoints, LogSessionHandler logSessions,
                               DynoStopHandler stops) {
    }

    public static List<Route> table(SystemHandler system, AccountHandler account, AppHandler apps,
                                    ConfigVarHandler config, ReleaseHandler releases, FormationHandler formation,
                                    DomainHandler domains, CollaboratorHandler collaborators, BuildHandler builds,
                                    EventStreamHandler events, AgentHandler agents, DynoHandler dynos,
                                    OneOffHandler oneOffs, LogHandler logs, RouteHandler routeTable,
                                    AuthorizationHandler authorizations, HerokuCompat heroku) {
        var sse = new SseHandler(events::stream);
        return List.of(
                Route.open(HandlerType.GET, "/healthz", system::health),
                Route.open(HandlerType.GET, "/openapi.json", system::openApi),
                get("/account", account::show),
                get("/apps", apps::list),
                post("/apps", apps::create),
                get("/apps/{app}", apps::show),
                delete("/apps/{app}", apps::destroy),
                get("/apps/{app}/config-vars", config::show),
                patch("/apps/{app}/config-vars", config::update),
                get("/apps/{app}/releases", releases::list),
                post("/apps/{app}/releases", releases::create),
                get("/apps/{app}/releases/{release}", releases::show),
                get("/apps/{app}/releases/{release}/config-vars", releases::configVars),
                get("/apps/{app}/formation", formation::list),
                patch("/apps/{app}/formation", formation::updateBatch),
                get("/apps/{app}/formation/{type}", formation::show),
                patch("/apps/{app}/formation/{type}", formation::updateOne),
                get("/apps/{app}/domains", domains::list),
                post("/apps/{app}/domains", domains::create),
                get("/apps/{app}/domains/{domain}", domains::show),
                delete("/apps/{app}/domains/{domain}", domains::delete),
                get("/apps/{app}/collaborators", collaborators::list),
                post("/apps/{app}/collaborators", collaborators::create),
                delete("/apps/{app}/collaborators/{collaborator}", collaborators::delete),
                get("/apps/{app}/builds", builds::list),
                post("/apps/{app}/builds", builds::create),
                get("/apps/{app}/builds/{build}", builds::show),
                patch("/apps/{app}/builds/{build}", builds::update),
                delete("/apps/{app}/builds/{build}", builds::cancel),
                get("/apps/{app}/builds/{build}/output", builds::output),
                get("/apps/{app}/dynos", dynos::list),
                post("/apps/{app}/dynos", oneOffs::create),
                delete("/apps/{app}/dynos", dynos::restartAll),
                delete("/apps/{app}/dynos/{dyno}", dynos::restartOne),
                get("/apps/{app}/logs", logs::read),
                post("/agents/{agent}/logs", logs::ingest),
                post("/logs", logs::ingest),
                get("/agents", agents::list),
                post("/agents", agents::register),
                post("/agents/{agent}/heartbeat", agents::heartbeat),
                get("/agents/{agent}/instances", agents::desired),
                put("/agents/{agent}/reports", agents::report),
                get("/routes", routeTable::list),
                get("/oauth/authorizations", authorizations::list),
                post("/oauth/authorizations", authorizations::create),
                get("/oauth/authorizations/{authorization}", authorizations::show),
                delete("/oauth/authorizations/{authorization}", authorizations::delete),
                get("/users/{user}/apps", apps::listOfUser),
                patch("/apps/{app}", apps::update),
                get("/apps/{app}/pipeline-couplings", apps::pipelineCoupling),
                get("/apps/{app}/addons", heroku.addons()::list),
                get("/apps/{app}/sni-endpoints", heroku.sniEndpoints()::list),
                post("/apps/{app}/log-sessions", heroku.logSessions()::create),
                Route.open(HandlerType.GET, "/log-sessions/{token}", heroku.logSessions()::stream),
                post("/apps/{app}/dynos/{dyno}/actions/stop", heroku.stops()::stopDyno),
                post("/apps/{app}/formations/{type}/actions/stop", heroku.stops()::stopType),
                get("/events", ctx -> {
                    events.check(ctx);
                    sse.handle(ctx);
                }));
    }
}
