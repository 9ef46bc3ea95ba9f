package dev.lockstep.sandbox.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.iam.UsersAPI;
import com.databricks.sdk.service.workspace.Delete;
import com.databricks.sdk.service.workspace.ExportResponse;
import com.databricks.sdk.service.workspace.Import;
import com.databricks.sdk.service.workspace.ImportFormat;
import com.databricks.sdk.service.workspace.Language;
import com.databricks.sdk.service.workspace.ObjectInfo;
import com.databricks.sdk.service.workspace.ObjectType;
import com.databricks.sdk.service.workspace.WorkspaceAPI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkspaceApiTest extends SdkHarness {
    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ExportResponse r) {
        return new String(Base64.getDecoder().decode(r.getContent()), StandardCharsets.UTF_8);
    }

    @Test
    void importExportListAndOverwrite() {
        WorkspaceAPI ws = new WorkspaceAPI(admin);
        ws.mkdirs("/Shared/etl/jobs");
        ws.importContent(new Import().setPath("/Shared/etl/jobs/ingest").setFormat(ImportFormat.SOURCE)
                .setLanguage(Language.PYTHON).setContent(b64("print('v1')\n")));
        ObjectInfo nb = ws.getStatus("/Shared/etl/jobs/ingest");
        assertEquals(ObjectType.NOTEBOOK, nb.getObjectType());
        assertEquals(Language.PYTHON, nb.getLanguage());
        assertTrue(nb.getObjectId() > 0);
        ExportResponse out = ws.export("/Shared/etl/jobs/ingest");
        assertEquals("# Databricks notebook source\nprint('v1')\n", text(out));

        ResourceAlreadyExists exists = assertThrows(ResourceAlreadyExists.class, () -> ws.importContent(new Import()
                .setPath("/Shared/etl/jobs/ingest").setFormat(ImportFormat.SOURCE).setLanguage(Language.PYTHON).setContent(b64("x"))));
        assertEquals("Path (/Shared/etl/jobs/ingest) already exists.", exists.getMessage());
        ws.importContent(new Import().setPath("/Shared/etl/jobs/ingest").setFormat(ImportFormat.SOURCE).setLanguage(Language.SQL)
                .setOverwrite(true).setContent(b64("-- Databricks notebook source\nselect 1")));
        ObjectInfo again = ws.getStatus("/Shared/etl/jobs/ingest");
        assertEquals(nb.getObjectId(), again.getObjectId(), "overwrite keeps the object id");
        assertEquals(Language.SQL, again.getLanguage());
        assertEquals("-- Databricks notebook source\nselect 1", text(ws.export("/Shared/etl/jobs/ingest")));

        ws.importContent(new Import().setPath("/Shared/etl/jobs/conf.json").setFormat(ImportFormat.RAW).setContent(b64("{}")));
        ws.importContent(new Import().setPath("/Shared/etl/jobs/auto.py").setFormat(ImportFormat.AUTO)
                .setContent(b64("# Databricks notebook source\n1+1")));
        List<ObjectInfo> children = new ArrayList<>();
        ws.list("/Shared/etl/jobs").forEach(children::add);
        assertEquals(List.of("/Shared/etl/jobs/auto", "/Shared/etl/jobs/conf.json", "/Shared/etl/jobs/ingest"),
                children.stream().map(ObjectInfo::getPath).toList());
        assertEquals(ObjectType.FILE, ws.getStatus("/Shared/etl/jobs/conf.json").getObjectType());
    }

    @Test
    void missingPathsParentsAndNonEmptyFolders() {
        WorkspaceAPI ws = new WorkspaceAPI(admin);
        ResourceDoesNotExist missing = assertThrows(ResourceDoesNotExist.class, () -> ws.getStatus("/nope"));
        assertEquals("Path (/nope) doesn't exist.", missing.getMessage());
        assertThrows(ResourceDoesNotExist.class, () -> ws.importContent(new Import().setPath("/no/parent/nb")
                .setFormat(ImportFormat.SOURCE).setLanguage(Language.PYTHON).setContent(b64("1"))));
        ws.mkdirs("/Shared/a/b");
        DatabricksError notEmpty = assertThrows(DatabricksError.class, () -> ws.delete(new Delete().setPath("/Shared/a")));
        assertEquals("DIRECTORY_NOT_EMPTY", notEmpty.getErrorCode());
        ws.delete(new Delete().setPath("/Shared/a").setRecursive(true));
        assertThrows(ResourceDoesNotExist.class, () -> ws.getStatus("/Shared/a/b"));
        ws.mkdirs("/Shared/a"); // idempotent for directories
        ws.mkdirs("/Shared/a");
    }

    @Test
    void homeFoldersAndFolderPermissions() {
        new UsersAPI(admin).create(new User().setUserName("frank@example.com"));
        WorkspaceAPI frank = new WorkspaceAPI(client(emulator.issueToken("frank@example.com", null)));
        assertEquals(ObjectType.DIRECTORY, frank.getStatus("/Users/frank@example.com").getObjectType());
        frank.mkdirs("/Users/frank@example.com/scratch");
        frank.mkdirs("/Shared/frank-was-here");
        PermissionDenied denied = assertThrows(PermissionDenied.class, () -> frank.mkdirs("/Users/admin@sandbox.lockstep.dev/x"));
        assertEquals(403, denied.getStatusCode());
        assertThrows(PermissionDenied.class, () -> frank.getStatus("/Users/admin@sandbox.lockstep.dev"));
    }
}
