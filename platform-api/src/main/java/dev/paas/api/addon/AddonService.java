package dev.paas.api.addon;

import dev.paas.api.agent.AgentRepository;
import dev.paas.api.agent.AgentRow;
import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppRow;
import dev.paas.api.auth.User;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.Transactions;
import dev.paas.api.event.Tx;
import dev.paas.api.instance.Scheduler;
import dev.paas.api.log.PlatformLog;
import dev.paas.api.release.Draft;
import dev.paas.api.release.Ledger;
import dev.paas.client.EventKind;
import dev.paas.client.Wire;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Add-ons: creating one pins it to an agent and asks that agent for its container; the release that
 * sets its URL on the attached apps comes once the agent reports it ready. Attaching and detaching
 * are config changes of the attached app, each a release.
 */
public final class AddonService implements dev.paas.api.app.AppTeardown {
    private static final List<String> WORDS = List.of("shaped", "curved", "silent", "rugged", "tidy", "lively",
            "opaque", "fluffy", "solid", "clear", "vertical", "rigid", "round", "cubic", "angular", "flat");
    private final Transactions transactions;
    private final AddonRepository addons;
    private final AppRepository apps;
    private final AgentRepository agents;
    private final Ledger ledger;
    private final PlatformLog log;
    private final SecureRandom random = new SecureRandom();
    private final Scheduler scheduler;
    private final Limits limits;

    /**
     * @param perUser          live add-ons one user may have created ({@code PAAS_MAX_ADDONS_PER_USER}); admins are
     *                         not limited
     * @param provisionTimeout an add-on still provisioning this long after its creation is given up
     *                         ({@code PAAS_ADDON_PROVISION_TIMEOUT_SECONDS})
     */
    public record Limits(int perUser, java.time.Duration provisionTimeout, java.time.Clock clock) {
    }

    public AddonService(Transactions transactions, AppRepository apps, AgentRepository agents, Ledger ledger,
                        PlatformLog log, Scheduler scheduler, Limits limits) {
        this.scheduler = scheduler;
        this.limits = limits;
        this.transactions = transactions;
        this.addons = new AddonRepository();
        this.apps = apps;
        this.agents = agents;
        this.ledger = ledger;
        this.log = log;
    }

    List<AddonRow> listAttached(AppRow app) {
        return addons.attachedTo(transactions.dsl(), app.id());
    }

    /** An attached add-on as the dashboard lists it: no credentials. */
    public record Listed(String name, String service, String plan, String state) {
    }

    public List<Listed> listed(AppRow app) {
        return listAttached(app).stream().map(a -> new Listed(a.name(), a.service(), a.plan(), a.state())).toList();
    }

    /** A plan the dashboard offers: {@code choice} is what {@link #create} takes (SERVICE:PLAN). */
    public record Offered(String choice, String description) {
    }

    /** Creating an add-on from the dashboard: {@link #create} with the default attachment and a drawn name. */
    public Listed create(User user, AppRow app, String plan) {
        AddonRow a = create(user, app, plan, null, null);
        return new Listed(a.name(), a.service(), a.plan(), a.state());
    }

    /**
     * Destroying from an app's page: only an add-on that app owns (anything else is as missing as an unknown
     * one), with the same checks and confirmation (the app's name) as {@link #destroy}.
     */
    public Listed destroyOwnedBy(User user, AppRow app, String idOrName, String confirm) {
        AddonRow owned = owned(user, idOrName);
        if (!owned.appId().equals(app.id())) {
            throw notFound(idOrName);
        }
        AddonRow a = destroy(user, owned.id().toString(), confirm);
        return new Listed(a.name(), a.service(), a.plan(), a.state());
    }

    public static List<Offered> catalogue() {
        return Catalog.SERVICES.stream().flatMap(s -> s.plans().stream().map(p -> new Offered(
                s.name() + ":" + p.name(), s.humanName() + " " + p.name() + ": " + p.description()))).toList();
    }

    /** Every add-on of an app the user can see. */
    List<AddonRow> listVisible(User user) {
        return addons.ownedBy(transactions.dsl(), org.jooq.impl.DSL.select(dev.paas.api.db.Schema.Apps.ID)
                .from(dev.paas.api.db.Schema.Apps.T).where(AppRepository.visibleTo(user)));
    }

    /**
     * An add-on the user may see: one of an app they can access, or attached to one. Anyone else gets
     * the same 404 as for a missing one, so names of other tenants' add-ons are not confirmed.
     */
    AddonRow show(User user, String idOrName) {
        var dsl = transactions.dsl();
        return addons.find(dsl, idOrName)
                .filter(a -> apps.find(dsl, user, a.appId().toString()).isPresent()
                        || addons.attachmentsOf(dsl, a.id()).stream()
                        .anyMatch(t -> apps.find(dsl, user, t.appId().toString()).isPresent()))
                .orElseThrow(() -> notFound(idOrName));
    }

    /** An add-on of an app the user can access (owner, collaborator, admin): only they attach and destroy it. */
    AddonRow owned(User user, String idOrName) {
        var dsl = transactions.dsl();
        return addons.find(dsl, idOrName).filter(a -> apps.find(dsl, user, a.appId().toString()).isPresent())
                .orElseThrow(() -> notFound(idOrName));
    }

    List<AttachmentRow> attachments(AddonRow addon) {
        return addons.attachmentsOf(transactions.dsl(), addon.id());
    }

    List<AttachmentRow> attachmentsOn(AppRow app) {
        return addons.attachmentsOnApp(transactions.dsl(), app.id());
    }

    AttachmentRow attachment(User user, String id) {
        var dsl = transactions.dsl();
        return uuid(id).flatMap(u -> addons.attachment(dsl, u))
                .filter(t -> apps.find(dsl, user, t.appId().toString()).isPresent())
                .orElseThrow(() -> ApiFailure.notFound("Couldn't find add-on attachment " + id
                        + ". See `paas addons -a APP`."));
    }

    /** An add-on by name or id, or (with {@code app}) by an attachment's name on that app (DATABASE). */
    AddonRow resolve(User user, String addon, String appIdOrName) {
        if (appIdOrName != null) {
            AppRow app = apps.require(transactions.dsl(), user, appIdOrName);
            var attached = addons.attachmentsOnApp(transactions.dsl(), app.id()).stream()
                    .filter(a -> a.name().equalsIgnoreCase(addon.replaceFirst("(?i)_URL$", ""))
                            || a.addonName().equals(addon) || a.addonId().toString().equals(addon))
                    .findFirst();
            if (attached.isPresent()) {
                return show(user, attached.get().addonId().toString());
            }
        }
        return show(user, addon);
    }

    AttachmentRow resolveAttachment(User user, String attachment, String appIdOrName) {
        AppRow app = apps.require(transactions.dsl(), user, appIdOrName);
        return addons.attachmentsOnApp(transactions.dsl(), app.id()).stream()
                .filter(a -> a.name().equalsIgnoreCase(attachment) || a.id().toString().equals(attachment)
                        || a.addonName().equals(attachment))
                .findFirst().orElseThrow(() -> ApiFailure.notFound("Couldn't find attachment " + attachment + " on "
                        + app.name() + ". See `paas addons -a " + app.name() + "`."));
    }

    /** Provisioning starts: the add-on is pinned to an agent, attached, and announced; no release yet. */
    AddonRow create(User user, AppRow app, String plan, String as, String name) {
        Catalog.Choice choice = Catalog.choose(plan);
        if (name != null && !name.matches("[a-z][a-z0-9-]{1,62}")) {
            throw ApiFailure.invalid("Add-on name '" + name + "' is invalid: use 2-63 lower-case letters, digits and "
                    + "'-', starting with a letter.");
        }
        return transactions.result(tx -> {
            apps.lock(tx.dsl(), app.id());
            String attachmentName = AttachmentNames.choose(choice.service(), as,
                    addons.attachmentNames(tx.dsl(), app.id()));
            // counted with the user's row locked, so concurrent creates cannot overshoot the limit
            int owned = addons.countCreatedBy(tx.dsl(), user.id());
            if (!user.admin() && owned >= limits.perUser()) {
                throw ApiFailure.invalid("You have " + owned + " add-ons, the most one user may have on this "
                        + "platform (PAAS_MAX_ADDONS_PER_USER=" + limits.perUser() + "). Destroy one you no longer "
                        + "need (`paas addons:destroy NAME --confirm APP`) and try again.");
            }
            UUID agent = placement(tx, app, choice);
            String username = "u" + hex(8);
            String password = hex(24);
            AddonRow addon = null;
            for (int attempt = 0; addon == null && attempt < 5; attempt++) {
                String chosen = name != null ? name : choice.service().alias() + "-"
                        + WORDS.get(random.nextInt(WORDS.size())) + "-" + (10000 + random.nextInt(90000));
                addon = addons.insert(tx.dsl(), chosen, app.id(), choice, agent, user.id(), username, password)
                        .orElse(null);
                if (addon == null && name != null) {
                    throw ApiFailure.conflict("An add-on named " + name + " exists already. Choose another name.");
                }
            }
            if (addon == null) {
                throw new IllegalStateException("no free add-on name after 5 tries");
            }
            addons.insertAttachment(tx.dsl(), addon.id(), app.id(), attachmentName)
                    .orElseThrow(() -> AttachmentNames.taken(attachmentName));
            tx.announce(app.id(), EventKind.ADDON_CREATED, Map.of("addon_id", addon.id(), "name", addon.name()));
            log.say(tx, app.id(), "Provisioning " + addon.name() + " (" + choice.service().name() + ":"
                    + choice.plan().name() + ") as " + AttachmentNames.configVar(attachmentName) + " by user "
                    + user.email());
            if (agent == null) {
                log.say(tx, app.id(), addon.name() + " waits for room: " + scheduler.addonWaitingReason(
                        tx.dsl(), choice.plan().memoryMb()));
            }
            return addon;
        });
    }

    /** Attaches an add-on the user may manage to another app they may access; the URL is set at once if it runs. */
    AttachmentRow attach(User user, String addonIdOrName, String appIdOrName, String as) {
        if (addonIdOrName == null || appIdOrName == null) {
            throw ApiFailure.invalid("Give 'addon' (its name or id) and 'app' (name or id) to attach.");
        }
        AddonRow addon = owned(user, addonIdOrName);
        AppRow app = apps.require(transactions.dsl(), user, appIdOrName);
        return transactions.result(tx -> {
            apps.lock(tx.dsl(), app.id());
            addons.lock(tx.dsl(), addon.id());
            AddonRow now = addons.find(tx.dsl(), addon.id().toString()).orElseThrow(() -> notFound(addonIdOrName));
            String name = AttachmentNames.choose(now.catalogService(), as, addons.attachmentNames(tx.dsl(), app.id()));
            AttachmentRow attachment = addons.insertAttachment(tx.dsl(), now.id(), app.id(), name)
                    .orElseThrow(() -> AttachmentNames.taken(name));
            tx.announce(app.id(), EventKind.ADDON_ATTACHMENT_CREATED, Map.of("addon_id", now.id(),
                    "attachment_id", attachment.id()));
            if (AddonRow.PROVISIONED.equals(now.state())) {
                setVars(tx, app.id(), Map.of(attachment.configVar(), now.url()), "Attach " + name + " (@ref:"
                        + now.name() + ")", user.id());
            }
            return attachment;
        });
    }

    /** Unsets the attachment's var in a release of its app; an add-on's last attachment goes only with it. */
    AttachmentRow detach(User user, String attachmentId) {
        AttachmentRow attachment = attachment(user, attachmentId);
        return transactions.result(tx -> {
            apps.lock(tx.dsl(), attachment.appId());
            addons.lock(tx.dsl(), attachment.addonId());
            if (addons.attachmentsOf(tx.dsl(), attachment.addonId()).size() <= 1) {
                throw ApiFailure.invalid("Cannot detach " + attachment.name() + ": it is the last attachment of "
                        + attachment.addonName() + ". Destroy the add-on instead (`paas addons:destroy "
                        + attachment.addonName() + " --confirm " + attachment.addonAppName() + "`).");
            }
            addons.deleteAttachment(tx.dsl(), attachment.id());
            tx.announce(attachment.appId(), EventKind.ADDON_ATTACHMENT_DESTROYED,
                    Map.of("addon_id", attachment.addonId(), "attachment_id", attachment.id()));
            unsetVar(tx, attachment, user.id());
            return attachment;
        });
    }

    /**
     * {@code confirm} must name the add-on's app. Every attachment's var is unset in a release of its
     * app; the agent then removes the container and its volume (the data).
     */
    AddonRow destroy(User user, String idOrName, String confirm) {
        AddonRow addon = owned(user, idOrName);
        if (confirm == null || !confirm.equals(addon.appName())) {
            throw ApiFailure.invalid("Destroying " + addon.name() + " deletes its data. To proceed, confirm with "
                    + "the app's name: `paas addons:destroy " + addon.name() + " --confirm " + addon.appName() + "`"
                    + (confirm == null ? "." : " (got '" + confirm + "')."));
        }
        return transactions.result(tx -> {
            addons.lock(tx.dsl(), addon.id());
            var attached = addons.attachmentsOf(tx.dsl(), addon.id());
            if (!addons.transition(tx.dsl(), addon.id(), addon.state(), AddonRow.DEPROVISIONED)) {
                throw ApiFailure.conflict(addon.name() + " changed meanwhile; try again.");
            }
            addons.deleteAttachmentsOf(tx.dsl(), addon.id());
            if (AddonRow.PROVISIONED.equals(addon.state())) {
                attached.forEach(a -> unsetVar(tx, a, user.id()));
            }
            tx.announce(addon.appId(), EventKind.ADDON_DESTROYED, Map.of("addon_id", addon.id(), "name", addon.name()));
            log.say(tx, addon.appId(), "Destroyed " + addon.name() + " and its data by user " + user.email());
            return new AddonRow(addon.id(), addon.name(), addon.appId(), addon.appName(), addon.service(),
                    addon.plan(), AddonRow.DEPROVISIONED, addon.agentId(), addon.createdBy(), addon.username(),
                    addon.password(), addon.createdAt(), addon.updatedAt());
        });
    }

    public java.util.Optional<AgentRow> agent(UUID id) {
        return agents.find(transactions.dsl(), id);
    }

    /** The add-ons the agent should run, with the apps whose networks each joins. */
    public List<Wire.AgentAddon> desired(AgentRow agent) {
        var dsl = transactions.dsl();
        return addons.onAgent(dsl, agent.id()).stream().map(a -> {
            var plan = a.catalogService().plan(a.plan()).orElseThrow();
            return new Wire.AgentAddon(a.id(), a.name(), a.service(), a.plan(), plan.memoryMb(), plan.connections(),
                    a.username(), a.password(), addons.attachmentsOf(dsl, a.id()).stream().map(AttachmentRow::appId)
                    .distinct().toList());
        }).toList();
    }

    /**
     * An agent says how its add-ons are. The first "ready" of a provisioning add-on makes it provisioned
     * and releases its URL on every attached app, in one transaction; a "failed" one is deprovisioned,
     * with no release, and the reason goes to its app's log.
     */
    public void report(AgentRow agent, List<Wire.AddonReport> reports) {
        for (Wire.AddonReport r : reports) {
            transactions.run(tx -> {
                var addon = addons.find(tx.dsl(), r.id().toString()).filter(a -> agent.id().equals(a.agentId()))
                        .orElse(null);
                if (addon == null || !AddonRow.PROVISIONING.equals(addon.state())) {
                    return;
                }
                if ("ready".equals(r.state()) && addons.transition(tx.dsl(), addon.id(), AddonRow.PROVISIONING,
                        AddonRow.PROVISIONED)) {
                    provisioned(tx, addon);
                } else if ("failed".equals(r.state())) {
                    giveUp(tx, addon, r.reason());
                }
            });
        }
    }

    /**
     * One pass over add-ons still provisioning: one overdue (past the provisioning timeout, placed or
     * not) is given up; one waiting for room is placed where it now fits. Each in its own transaction.
     */
    public void settle() {
        var now = java.time.OffsetDateTime.now(limits.clock());
        for (AddonRow waiting : addons.provisioning(transactions.dsl())) {
            transactions.run(tx -> {
                addons.lock(tx.dsl(), waiting.id());
                var addon = addons.find(tx.dsl(), waiting.id().toString())
                        .filter(a -> AddonRow.PROVISIONING.equals(a.state())).orElse(null);
                if (addon == null) {
                    return;
                }
                if (!addon.createdAt().plus(limits.provisionTimeout()).isAfter(now)) {
                    giveUp(tx, addon, "it was not ready within " + limits.provisionTimeout().toSeconds() + " s ("
                            + (addon.agentId() == null ? "no agent had room for it" : "its server never reported "
                            + "ready") + "; PAAS_ADDON_PROVISION_TIMEOUT_SECONDS)");
                } else if (addon.agentId() == null) {
                    apps.lock(tx.dsl(), addon.appId());
                    int memory = addon.catalogService().plan(addon.plan()).orElseThrow().memoryMb();
                    scheduler.placeAddon(tx.dsl(), addon.appId(), addons.agentOfApp(tx.dsl(), addon.appId()), memory)
                            .filter(agent -> addons.place(tx.dsl(), addon.id(), agent))
                            .ifPresent(agent -> {
                                tx.announce(addon.appId(), EventKind.ADDON_CREATED, Map.of("addon_id", addon.id(),
                                        "name", addon.name()));
                                log.say(tx, addon.appId(), addon.name() + " found room on an agent");
                            });
                }
            });
        }
    }

    /** A provisioning that will not finish: no add-on, no attachment, no release; the reason in the app's log. */
    private void giveUp(Tx tx, AddonRow addon, String reason) {
        if (!addons.transition(tx.dsl(), addon.id(), AddonRow.PROVISIONING, AddonRow.DEPROVISIONED)) {
            return;
        }
        addons.deleteAttachmentsOf(tx.dsl(), addon.id());
        tx.announce(addon.appId(), EventKind.ADDON_DESTROYED, Map.of("addon_id", addon.id(), "name", addon.name()));
        log.say(tx, addon.appId(), "Provisioning " + addon.name() + " failed: " + reason
                + ". Nothing was attached; try `paas addons:create` again.");
    }

    /**
     * As on Heroku, an app's add-ons go with it: each is deprovisioned (the agent removes its container
     * and data) and its attachments on other apps are unset in a release of each; the app's
     * attachments to other apps' add-ons are removed. Runs in the app's destroy transaction, before
     * the app is marked destroyed.
     */
    @Override
    public void destroying(Tx tx, AppRow app, User user) {
        for (AddonRow addon : addons.ownedByApp(tx.dsl(), app.id())) {
            addons.lock(tx.dsl(), addon.id());
            var attached = addons.attachmentsOf(tx.dsl(), addon.id());
            if (!addons.transition(tx.dsl(), addon.id(), addon.state(), AddonRow.DEPROVISIONED)) {
                continue;
            }
            addons.deleteAttachmentsOf(tx.dsl(), addon.id());
            if (AddonRow.PROVISIONED.equals(addon.state())) {
                attached.stream().filter(a -> !a.appId().equals(app.id())).forEach(a -> {
                    apps.lock(tx.dsl(), a.appId());
                    unsetVar(tx, a, user.id(), " (its app " + app.name() + " was destroyed)");
                });
            }
            tx.announce(addon.appId(), EventKind.ADDON_DESTROYED, Map.of("addon_id", addon.id(), "name", addon.name()));
        }
        for (AttachmentRow a : addons.attachmentsOnApp(tx.dsl(), app.id())) {
            tx.announce(a.addonAppId(), EventKind.ADDON_ATTACHMENT_DESTROYED, Map.of("addon_id", a.addonId(),
                    "attachment_id", a.id()));
        }
        addons.deleteAttachmentsOnApp(tx.dsl(), app.id());
    }

    private void provisioned(Tx tx, AddonRow addon) {
        tx.announce(addon.appId(), EventKind.ADDON_PROVISIONED, Map.of("addon_id", addon.id(), "name", addon.name()));
        log.say(tx, addon.appId(), addon.name() + " is provisioned");
        for (AttachmentRow a : addons.attachmentsOf(tx.dsl(), addon.id())) {
            setVars(tx, a.appId(), Map.of(a.configVar(), addon.url()), "Attach " + a.name() + " (@ref:" + addon.name()
                    + ")", addon.createdBy());
        }
    }

    private void setVars(Tx tx, UUID appId, Map<String, String> vars, String description, UUID userId) {
        ledger.appendIn(tx, appId, Ledger.Phase.SKIP, current -> {
            var base = current.orElseThrow();
            var config = new TreeMap<>(base.config());
            config.putAll(vars);
            return Draft.withConfig(base, config, description, userId);
        });
    }

    private void unsetVar(Tx tx, AttachmentRow attachment, UUID userId) {
        unsetVar(tx, attachment, userId, "");
    }

    private void unsetVar(Tx tx, AttachmentRow attachment, UUID userId, String why) {
        ledger.appendIn(tx, attachment.appId(), Ledger.Phase.SKIP, current -> {
            var base = current.orElseThrow();
            var config = new TreeMap<>(base.config());
            config.remove(attachment.configVar());
            return Draft.withConfig(base, config, "Detach " + attachment.name() + " (@ref:" + attachment.addonName()
                    + ")" + why, userId);
        });
    }

    /**
     * Where the app's processes run (the add-on is reached on the app's network there) if it has room,
     * else the least used agent with room; null (it waits, as a process does) when none has room now.
     * A plan larger than every agent could ever hold is refused.
     */
    private UUID placement(Tx tx, AppRow app, Catalog.Choice choice) {
        var capacities = scheduler.capacities(tx.dsl());
        if (capacities.isEmpty()) {
            throw ApiFailure.unavailable("No runtime agent is up to run the add-on. Start one (`bin/platform up`) "
                    + "and try again.");
        }
        int memory = choice.plan().memoryMb();
        int largest = capacities.stream().mapToInt(Integer::intValue).max().orElseThrow();
        if (memory > largest) {
            throw ApiFailure.invalid("A " + choice.service().name() + ":" + choice.plan().name() + " add-on needs "
                    + memory + " MB, but the largest runtime agent offers " + largest + " MB: choose a smaller "
                    + "plan (`GET /addon-services/" + choice.service().name() + "/plans` lists them).");
        }
        return scheduler.placeAddon(tx.dsl(), app.id(), addons.agentOfApp(tx.dsl(), app.id()), memory).orElse(null);
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static java.util.Optional<UUID> uuid(String id) {
        try {
            return java.util.Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException notAUuid) {
            return java.util.Optional.empty();
        }
    }

    private static ApiFailure notFound(String idOrName) {
        return ApiFailure.notFound("Couldn't find add-on " + idOrName + ". See `paas addons -a APP`.");
    }
}
