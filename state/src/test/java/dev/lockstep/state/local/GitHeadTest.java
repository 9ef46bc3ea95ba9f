package dev.lockstep.state.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHeadTest {

    static final String A = "1111111111111111111111111111111111111111";
    static final String B = "2222222222222222222222222222222222222222";

    @TempDir
    Path root;

    @Test
    void noRepositoryNoCommit() {
        assertEquals(Optional.empty(), GitHead.commitOf(root));
    }

    @Test
    void looseRefFromASubdirectory() throws Exception {
        Files.createDirectories(root.resolve(".git/refs/heads"));
        Files.writeString(root.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(root.resolve(".git/refs/heads/main"), A + "\n");
        Path sub = Files.createDirectories(root.resolve("envs/prod"));
        assertEquals(Optional.of(A), GitHead.commitOf(sub));
    }

    @Test
    void packedRefAndDetachedHead() throws Exception {
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve(".git/HEAD"), "ref: refs/heads/release\n");
        Files.writeString(root.resolve(".git/packed-refs"),
                "# pack-refs with: peeled fully-peeled sorted\n" + B + " refs/heads/main\n" + A + " refs/heads/release\n^"
                        + B + "\n");
        assertEquals(Optional.of(A), GitHead.commitOf(root));
        Files.writeString(root.resolve(".git/HEAD"), B + "\n");
        assertEquals(Optional.of(B), GitHead.commitOf(root));
    }

    @Test
    void unbornBranchHasNoCommit() throws Exception {
        Files.createDirectories(root.resolve(".git/refs/heads"));
        Files.writeString(root.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        assertEquals(Optional.empty(), GitHead.commitOf(root));
    }

    @Test
    void linkedWorkTreeReadsRefsFromTheCommonDirectory() throws Exception {
        Path main = root.resolve("main");
        Files.createDirectories(main.resolve(".git/worktrees/wt"));
        Files.createDirectories(main.resolve(".git/refs/heads"));
        Files.writeString(main.resolve(".git/refs/heads/feature"), B + "\n");
        Files.writeString(main.resolve(".git/worktrees/wt/HEAD"), "ref: refs/heads/feature\n");
        Files.writeString(main.resolve(".git/worktrees/wt/commondir"), "../..\n");
        Path wt = Files.createDirectories(root.resolve("wt"));
        Files.writeString(wt.resolve(".git"), "gitdir: " + main.resolve(".git/worktrees/wt") + "\n");
        assertEquals(Optional.of(B), GitHead.commitOf(wt));
    }
}
