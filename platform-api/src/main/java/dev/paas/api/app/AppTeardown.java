package dev.paas.api.app;

import dev.paas.api.auth.User;
import dev.paas.api.event.Tx;

/** What other features undo when an app is destroyed, in the destroy's transaction (add-ons: theirs go with it). */
public interface AppTeardown {
    /** Called with the app's row locked, before it is marked destroyed. */
    void destroying(Tx tx, AppRow app, User user);
}
