package dev.paas.router.route;

import dev.paas.client.WebState;
import dev.paas.router.balance.Backend;
import java.util.List;
import java.util.UUID;

/** Where one app's requests go, and how its web processes stand, as the control plane says. */
public record AppRoute(UUID appId, String app, WebState web, List<Backend> backends) {
}
