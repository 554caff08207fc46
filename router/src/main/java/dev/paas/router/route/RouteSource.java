package dev.paas.router.route;

import dev.paas.client.Wire;
import java.util.function.Consumer;

/** Where route tables come from: a listing, then the changes after it. */
public interface RouteSource {

    Wire.RouteTable list();

    /** Hands each change after {@code eventId} to {@code onEvent} until the stream ends; throws when it breaks. */
    void follow(long eventId, Consumer<Wire.Event> onEvent);
}
