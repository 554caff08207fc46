package dev.paas.router.route;

import dev.paas.router.balance.Backend;
import java.util.List;
import java.util.UUID;

/** Where one app's requests go. {@code web} is up, starting, crashed or none, as the control plane says. */
public record AppRoute(UUID appId, String app, String web, List<Backend> backends) {
}
