package dev.lockstep.provider.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.service.workspace.Delete;
import com.databricks.sdk.service.workspace.Import;
import com.databricks.sdk.service.workspace.ImportFormat;
import com.databricks.sdk.service.workspace.Language;
import com.databricks.sdk.service.workspace.WorkspaceAPI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract tests of notebooks and directories. */
class WorkspaceContractTest extends EmulatorTest {

    @Test
    void notebook() {
        new Contract("databricks_notebook",
                "path = \"/Shared/etl/features\"\nlanguage = \"PYTHON\"\n"
                        + "content_base64 = base64encode(\"# Welcome to your Python notebook\\nprint(1)\\n\")\n",
                "path = \"/Shared/etl/other\"\nlanguage = \"SQL\"\ncontent_base64 = base64encode(\"SELECT 1\")\n",
                "path = \"/Shared/etl/features\"\nlanguage = \"PYTHON\"\n"
                        + "content_base64 = base64encode(\"print(2)\\n\")\n",
                "path = \"/Shared/etl/features2\"\nlanguage = \"PYTHON\"\n"
                        + "content_base64 = base64encode(\"print(2)\\n\")\n",
                i -> new WorkspaceAPI(admin).importContent(new Import().setPath(i.id()).setOverwrite(true)
                        .setFormat(ImportFormat.SOURCE).setLanguage(Language.PYTHON)
                        .setContent(Base64.getEncoder().encodeToString("print('edited in the UI')".getBytes(
                                StandardCharsets.UTF_8)))),
                "md5").run(spi);
    }

    @Test
    void notebookFromSourceFileHashesTheContent(@TempDir Path dir) throws Exception {
        // the provider resolves source against the configuration directory; this one is "."
        Path rel = Path.of(".").toAbsolutePath().relativize(dir.resolve("nb.py").toAbsolutePath());
        Files.writeString(dir.resolve("nb.py"), "print('from a file')\n");
        String body = "path = \"/Shared/from-file\"\nsource = \"" + rel.toString().replace('\\', '/') + "\"\n";
        Spi.Instance i = spi.converge(Spi.addr("databricks_notebook", "file"), null, spi.config("databricks_notebook",
                body));
        assertEquals("PYTHON", i.str("language"), "language inferred from the extension");
        assertEquals(md5("print('from a file')\n"), i.str("md5"), "the state keeps the content hash");
        Spi.Instance r = spi.refresh(i);
        Contract.assertNoOp(spi, i.address(), r, body, "same file");
        Files.writeString(dir.resolve("nb.py"), "print('changed')\n");
        Spi.Planned p = spi.plan(i.address(), r, spi.config("databricks_notebook", body));
        assertEquals(Spi.Action.UPDATE, p.action());
        assertTrue(p.changed().toString().contains("md5"), p.changed().toString());
        assertTrue(spi.delete(spi.apply(p, r)).isEmpty());
    }

    static String md5(String s) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void directory() {
        new Contract("databricks_directory", "path = \"/Production/ETL\"\n", "path = \"/Production/Other\"\n",
                "path = \"/Production/ETL\"\ndelete_recursive = true\n",
                "path = \"/Production/ETL2\"\n",
                i -> new WorkspaceAPI(admin).delete(new Delete().setPath(i.id()).setRecursive(true)),
                null).run(spi);
    }
}
