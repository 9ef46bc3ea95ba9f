package dev.lockstep.provider.databricks.resource;

import com.databricks.sdk.service.settings.CreateTokenRequest;
import com.databricks.sdk.service.settings.CreateTokenResponse;
import com.databricks.sdk.service.settings.PublicTokenInfo;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.json.Values;
import dev.lockstep.provider.databricks.plan.Planning;
import dev.lockstep.provider.databricks.schema.SecretSchemas;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code databricks_token}: a personal access token of the identity lockstep acts as. Its value
 * exists only in the create answer; the state keeps it marked sensitive (so only its keyed hash is
 * stored) and later reads echo the recorded placeholder. {@code rotate_after} plans a replacement
 * once the token is that old. After an ambiguous create failure the orphan token (same comment,
 * created moments ago) is revoked before trying again, since its value can never be recovered.
 */
public final class TokenHandler extends BaseHandler implements dev.lockstep.api.provider.ResourceUpdater {

    private static final Pattern AGE = Pattern.compile("(\\d+)\\s*([smhd])");

    public TokenHandler(ProviderContext ctx) {
        super(ctx, SecretSchemas.TOKEN);
    }

    /** A rotated token's consumers switch to the new value before the old one is revoked. */
    @Override
    public boolean replaceCreatesFirst() {
        return true;
    }

    private Map<String, PublicTokenInfo> all() {
        Map<String, PublicTokenInfo> out = new LinkedHashMap<>();
        for (PublicTokenInfo t : c.tokens.list()) {
            out.put(t.getTokenId(), t);
        }
        return out;
    }

    @Override
    protected Map<ReadObject, Value> readBatch(List<ReadObject> objects, Diagnostics d) {
        Map<String, PublicTokenInfo> all = all();
        Map<ReadObject, Value> out = new LinkedHashMap<>();
        for (ReadObject o : objects) {
            PublicTokenInfo t = all.get(o.id());
            out.put(o, t == null ? null : state(t));
        }
        return out;
    }

    @Override
    protected Value readOne(String id, Value prior) {
        PublicTokenInfo t = all().get(id);
        return t == null ? null : state(t);
    }

    private Value state(PublicTokenInfo t) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (String a : block().attributes().keySet()) {
            m.put(a, Value.nullOf(block().attributes().get(a).type()));
        }
        m.put("id", Value.string(t.getTokenId()));
        m.put("token_id", Value.string(t.getTokenId()));
        m.put("comment", Values.string(t.getComment()));
        m.put("creation_time", Values.number(t.getCreationTime()));
        m.put("expiry_time", Values.number(t.getExpiryTime()));
        if (t.getExpiryTime() != null && t.getExpiryTime() > 0 && t.getCreationTime() != null) {
            // the API does not return the lifetime; an imported token gets it from its expiry
            m.put("lifetime_seconds", Value.number((t.getExpiryTime() - t.getCreationTime()) / 1000));
        }
        return Value.object(m);
    }

    @Override
    protected List<String> localAttributes() {
        return List.of("lifetime_seconds", "rotate_after", "token_value");
    }

    @Override
    protected void customize(Planning p) {
        if (p.creating() && !p.configured("lifetime_seconds")) {
            p.diagnostics().warning("Token without a lifetime", "This token never expires. Set lifetime_seconds (and "
                    + "rotate_after to replace it before it expires) so that a leaked token stops working on its own.",
                    null);
        }
        String rotate = p.str("rotate_after");
        if (rotate == null) {
            return;
        }
        Duration age = parseAge(rotate);
        if (age == null) {
            p.diagnostics().error("Invalid rotate_after", "rotate_after is a duration such as 30d, 12h or 90m, not \""
                    + rotate + "\".", null);
            return;
        }
        java.math.BigDecimal created = Values.num(p.prior(), "creation_time");
        if (!p.creating() && created != null) {
            Instant due = Instant.ofEpochMilli(created.longValue()).plus(age);
            if (!Instant.now().isBefore(due)) {
                p.expired("rotate_after");
                p.note("The token is older than rotate_after (" + rotate + "): it is replaced by a new one.");
            }
        }
    }

    /** {@code 30d}, {@code 12h}, {@code 90m}, {@code 3600s}, or combinations such as {@code 1d12h}. */
    static Duration parseAge(String s) {
        Matcher m = AGE.matcher(s.strip());
        Duration d = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return null;
            }
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
        }
        return end == s.strip().length() && end > 0 ? d : null;
    }

    @Override
    protected ApplyResponse doCreate(ApplyRequest r) {
        String comment = Values.str(r.planned(), "comment");
        java.math.BigDecimal lifetime = Values.num(r.planned(), "lifetime_seconds");
        CreateTokenRequest req = new CreateTokenRequest().setComment(comment)
                .setLifetimeSeconds(lifetime == null ? null : lifetime.longValue());
        long started = System.currentTimeMillis();
        AtomicReference<CreateTokenResponse> created = new AtomicReference<>();
        String id = dev.lockstep.provider.databricks.client.CreateGuard.create(c, r.address().toString(), scrubber(r), () -> {
            CreateTokenResponse resp = c.tokens.create(req);
            created.set(resp);
            return resp.getTokenInfo().getTokenId();
        }, () -> {
            revokeOrphans(comment, started);
            return Optional.empty();
        });
        CreateTokenResponse resp = created.get();
        Value state = state(resp.getTokenInfo());
        state = Values.with(state, "token_value", Value.string(resp.getTokenValue()).markSensitive());
        state = Values.with(state, "lifetime_seconds", r.planned().get("lifetime_seconds"));
        state = Values.with(state, "rotate_after", r.planned().get("rotate_after"));
        return ApplyResponse.ok(id, finish(state, r.planned()));
    }

    /** Revokes tokens a failed create may have left: same comment, created since {@code since} (ms). */
    private void revokeOrphans(String comment, long since) {
        for (PublicTokenInfo t : c.tokens.list()) {
            boolean same = comment == null ? t.getComment() == null : comment.equals(t.getComment());
            if (same && t.getCreationTime() != null && t.getCreationTime() >= since - 60_000) {
                c.log().warn("databricks: revoking token " + t.getTokenId() + " left by a failed create");
                c.tokens.delete(t.getTokenId());
            }
        }
    }

    @Override
    protected void doDelete(ApplyRequest r) {
        c.tokens.delete(r.id());
    }

    /**
     * Only lockstep's own rotate_after can change in place (comment and lifetime force a new
     * token): the token itself is untouched and the recorded state takes the new setting.
     */
    @Override
    public ApplyResponse update(ApplyRequest r) {
        Value state = Values.with(r.prior(), "rotate_after", r.planned().get("rotate_after"));
        return ApplyResponse.ok(r.id(), finish(state, r.planned()));
    }
}
