package dev.paas.api.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Every endpoint of the API: the routes each feature exports, concatenated. /openapi.json documents
 * exactly these (OpenApiDocumentTest compares the two).
 */
public final class Routes {
    private Routes() {
    }

    /** The features' routes in order; a method and path exported twice is a wiring mistake. */
    @SafeVarargs
    public static List<Route> of(List<Route>... features) {
        var all = new ArrayList<Route>();
        var seen = new HashSet<String>();
        for (List<Route> feature : features) {
            for (Route route : feature) {
                if (!seen.add(route.method() + " " + route.path())) {
                    throw new IllegalStateException("route exported twice: " + route.method() + " " + route.path());
                }
                all.add(route);
            }
        }
        return List.copyOf(all);
    }
}
