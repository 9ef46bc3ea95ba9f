package dev.lockstep.provider.databricks.resource;

import com.databricks.sdk.service.workspace.Delete;
import com.databricks.sdk.service.workspace.ExportFormat;
import com.databricks.sdk.service.workspace.ExportRequest;
import com.databricks.sdk.service.workspace.Import;
import com.databricks.sdk.service.workspace.ImportFormat;
import com.databricks.sdk.service.workspace.Language;
import com.databricks.sdk.service.workspace.ObjectInfo;
import com.databricks.sdk.service.workspace.ObjectType;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.provider.ResourceUpdater;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.json.Values;
import dev.lockstep.provider.databricks.plan.Planning;
import dev.lockstep.provider.databricks.schema.WorkspaceSchemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code databricks_notebook}: imported in SOURCE format from {@code content_base64} or a local
 * {@code source} file. The state keeps the MD5 of the source (without the "Databricks notebook
 * source" header the export adds), so drift is a hash comparison; the content inputs themselves are
 * never diffed while the hashes agree.
 */
public final class NotebookHandler extends BaseHandler implements ResourceUpdater {

    private static final Map<String, String> EXTENSIONS = Map.of(".py", "PYTHON", ".scala", "SCALA", ".sql", "SQL",
            ".r", "R");

    public NotebookHandler(ProviderContext ctx) {
        super(ctx, WorkspaceSchemas.NOTEBOOK);
    }

    @Override
    protected Value readOne(String path, Value prior) {
        ObjectInfo info = c.consistent("path:" + path, () -> c.workspace.getStatus(path));
        if (info.getObjectType() != ObjectType.NOTEBOOK) {
            return null;
        }
        String content = c.workspace.export(new ExportRequest().setPath(path).setFormat(ExportFormat.SOURCE))
                .getContent();
        byte[] source = stripHeader(Base64.getDecoder().decode(content == null ? "" : content));
        Map<String, Value> m = new LinkedHashMap<>();
        for (String a : block().attributes().keySet()) {
            m.put(a, Value.nullOf(block().attributes().get(a).type()));
        }
        m.put("id", Value.string(path));
        m.put("path", Value.string(path));
        m.put("language", Values.string(info.getLanguage() == null ? null : info.getLanguage().toString()));
        m.put("format", Value.string("SOURCE"));
        m.put("md5", Value.string(md5(source)));
        m.put("object_id", Values.number(info.getObjectId()));
        m.put("url", Value.string(c.settings().host() + "/#workspace" + path));
        m.put("workspace_path", Value.string("/Workspace" + path));
        return Value.object(m);
    }

    @Override
    protected Found adopt(ReadObject o) {
        String path = Values.str(o.prior(), "path");
        if (path == null) {
            return null;
        }
        try {
            Value v = readOne(path, o.prior());
            return v == null ? null : new Found(path, v);
        } catch (RuntimeException e) {
            if (dev.lockstep.provider.databricks.client.Errors.isNotFound(e)) {
                return null;
            }
            throw e;
        }
    }

    @Override
    protected List<String> localAttributes() {
        return List.of("source", "content_base64");
    }

    // ------------------------------------------------------------------ plan

    @Override
    protected void customize(Planning p) {
        boolean hasSource = p.configured("source");
        boolean hasContent = p.configured("content_base64");
        if (hasSource == hasContent) {
            p.diagnostics().error("Invalid notebook content", "Set exactly one of source (a local file) or "
                    + "content_base64.", null);
            return;
        }
        if (!p.configured("language") && hasSource && p.get("source").isKnown()) {
            String lang = languageOf(p.str("source"));
            if (lang == null) {
                p.diagnostics().error("Cannot infer the notebook language", "Set language (PYTHON, SCALA, SQL or R); "
                        + "the source file's extension does not say.", null);
                return;
            }
            p.set("language", Value.string(lang));
        }
        if (!p.configured("language") && hasContent && p.creating()) {
            p.diagnostics().error("Missing notebook language", "Set language (PYTHON, SCALA, SQL or R) for "
                    + "content_base64.", null);
            return;
        }
        if (!p.configured("format")) {
            p.set("format", Value.string("SOURCE"));
        } else if (p.str("format") != null && !p.str("format").equals("SOURCE")) {
            p.diagnostics().error("Unsupported notebook format", "format is SOURCE: DBC, HTML and JUPYTER exports "
                    + "carry run state, so their content cannot be compared.", null);
        }
        byte[] content;
        try {
            content = content(p.get("source"), p.get("content_base64"));
        } catch (IOException | IllegalArgumentException e) {
            p.diagnostics().error("Cannot read the notebook source", e.getMessage(), null);
            return;
        }
        if (content == null) {
            p.unknown("md5", Type.STRING);
        } else {
            String md5 = md5(stripHeader(content));
            p.set("md5", Value.string(md5));
            if (!p.creating() && md5.equals(Values.str(p.prior(), "md5"))) {
                // same notebook: where the content comes from is not a change
                p.set("source", p.prior().get("source"));
                p.set("content_base64", p.prior().get("content_base64"));
            }
        }
        if (p.creating()) {
            for (String a : List.of("object_id", "url", "workspace_path", "id")) {
                p.unknown(a, block().attributes().get(a).type());
            }
        }
    }

    /** The notebook bytes from the planned inputs, or null when not yet known. */
    private byte[] content(Value source, Value base64) throws IOException {
        if (base64 != null && !base64.isNull()) {
            return base64.isKnown() ? Base64.getDecoder().decode(base64.unmark().asString().strip()) : null;
        }
        if (source == null || source.isNull() || !source.isKnown()) {
            return null;
        }
        Path f = ctx.configDir().resolve(source.unmark().asString());
        return Files.readAllBytes(f);
    }

    static String languageOf(String file) {
        String lower = file.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : EXTENSIONS.entrySet()) {
            if (lower.endsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The source without a leading "Databricks notebook source" header line. */
    static byte[] stripHeader(byte[] content) {
        String s = new String(content, StandardCharsets.UTF_8);
        int nl = s.indexOf('\n');
        String first = nl < 0 ? s : s.substring(0, nl);
        if (first.contains("Databricks notebook source")) {
            s = nl < 0 ? "" : s.substring(nl + 1);
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ apply

    private void upload(ApplyRequest r, boolean overwrite) {
        String path = Values.str(r.planned(), "path");
        byte[] content;
        try {
            content = content(r.planned().get("source"), r.planned().get("content_base64"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + Values.str(r.planned(), "source") + ": " + e, e);
        }
        String language = Values.str(r.planned(), "language");
        int slash = path.lastIndexOf('/');
        if (slash > 0) {
            c.workspace.mkdirs(path.substring(0, slash));
        }
        c.workspace.importContent(new Import().setPath(path).setFormat(ImportFormat.SOURCE)
                .setLanguage(language == null ? null : Language.valueOf(language.toUpperCase(Locale.ROOT)))
                .setContent(Base64.getEncoder().encodeToString(content)).setOverwrite(overwrite));
    }

    @Override
    protected ApplyResponse doCreate(ApplyRequest r) {
        upload(r, false);
        String path = Values.str(r.planned(), "path");
        c.created("path:" + path);
        return ApplyResponse.ok(path, finish(readOne(path, r.planned()), r.planned()));
    }

    @Override
    public ApplyResponse update(ApplyRequest r) {
        return guardedUpdate(r, () -> {
            if (!Values.same(r.prior().get("md5"), r.planned().get("md5"))
                    || !Values.same(r.prior().get("language"), r.planned().get("language"))) {
                upload(r, true);
            }
            return ApplyResponse.ok(r.id(), finish(readOne(r.id(), r.planned()), r.planned()));
        });
    }

    @Override
    protected void doDelete(ApplyRequest r) {
        c.workspace.delete(new Delete().setPath(r.id()).setRecursive(false));
        c.deleted("path:" + r.id());
    }
}
