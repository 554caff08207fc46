package dev.paas.api.addon;

import dev.paas.api.agent.AgentRepository;
import dev.paas.api.agent.AgentRow;
import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppRow;
import dev.paas.api.auth.User;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.Transactions;
import dev.paas.api.event.Tx;
import dev.paas.api.log.PlatformLog;
import dev.paas.api.release.Draft;
import dev.paas.api.release.Ledger;
import dev.paas.client.EventKind;
import dev.paas.client.Wire;
import java.security.SecureRandom;
import java.util.Comparator;
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
public final class AddonService {
    private static final List<String> WORDS = List.of("shaped", "curved", "silent", "rugged", "tidy", "lively",
            "opaque", "fluffy", "solid", "clear", "vertical", "rigid", "round", "cubic", "angular", "flat");
    private final Transactions transactions;
    private final AddonRepository addons;
    private final AppRepository apps;
    private final AgentRepository agents;
    private final Ledger ledger;
    private final PlatformLog log;
    private final SecureRandom random = new SecureRandom();

    public AddonService(Transactions transactions, AppRepository apps, AgentRepository agents, Ledger ledger,
                        PlatformLog log) {
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
            UUID agent = placement(tx, app);
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
            log.say(tx.dsl(), app.id(), "Provisioning " + addon.name() + " (" + choice.service().name() + ":"
                    + choice.plan().name() + ") as " + AttachmentNames.configVar(attachmentName) + " by user "
                    + user.email());
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
            log.say(tx.dsl(), addon.appId(), "Destroyed " + addon.name() + " and its data by user " + user.email());
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
                } else if ("failed".equals(r.state()) && addons.transition(tx.dsl(), addon.id(),
                        AddonRow.PROVISIONING, AddonRow.DEPROVISIONED)) {
                    addons.deleteAttachmentsOf(tx.dsl(), addon.id());
                    tx.announce(addon.appId(), EventKind.ADDON_DESTROYED, Map.of("addon_id", addon.id(),
                            "name", addon.name()));
                    log.say(tx.dsl(), addon.appId(), "Provisioning " + addon.name() + " failed: " + r.reason()
                            + ". Nothing was attached; try `paas addons:create` again.");
                }
            });
        }
    }

    private void provisioned(Tx tx, AddonRow addon) {
        tx.announce(addon.appId(), EventKind.ADDON_PROVISIONED, Map.of("addon_id", addon.id(), "name", addon.name()));
        log.say(tx.dsl(), addon.appId(), addon.name() + " is provisioned");
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
        ledger.appendIn(tx, attachment.appId(), Ledger.Phase.SKIP, current -> {
            var base = current.orElseThrow();
            var config = new TreeMap<>(base.config());
            config.remove(attachment.configVar());
            return Draft.withConfig(base, config, "Detach " + attachment.name() + " (@ref:" + attachment.addonName()
                    + ")", userId);
        });
    }

    /** Where the app's processes run (the add-on is reached on the app's network there), else the roomiest agent. */
    private UUID placement(Tx tx, AppRow app) {
        return addons.agentOfApp(tx.dsl(), app.id()).orElseGet(() -> agents.alive(tx.dsl()).stream()
                .max(Comparator.comparingInt(AgentRow::memoryMb)).map(AgentRow::id)
                .orElseThrow(() -> ApiFailure.unavailable("No runtime agent is up to run the add-on. Start one "
                        + "(`bin/platform up`) and try again.")));
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
