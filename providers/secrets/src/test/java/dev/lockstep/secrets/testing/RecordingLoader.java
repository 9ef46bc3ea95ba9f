package dev.lockstep.secrets.testing;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A class loader over the test class path that loads classes itself (child first) and remembers
 * their names, to check which classes a call loads (no Vault driver or AWS SDK class for a factory's
 * name and schema).
 */
public final class RecordingLoader extends URLClassLoader {

    private final Set<String> loaded = new TreeSet<>();

    private RecordingLoader(URL[] urls) {
        super(urls, ClassLoader.getPlatformClassLoader());
    }

    /** A loader over the class path this test runs with. */
    public static RecordingLoader ofTestClassPath() throws MalformedURLException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            if (!e.isBlank()) {
                urls.add(Path.of(e).toUri().toURL());
            }
        }
        return new RecordingLoader(urls.toArray(URL[]::new));
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> c = super.findClass(name);
        synchronized (loaded) {
            loaded.add(name);
        }
        return c;
    }

    /** Whether the loader defined this class. */
    public boolean loaded(String name) {
        synchronized (loaded) {
            return loaded.contains(name);
        }
    }

    /** The Vault driver and AWS SDK classes it defined. */
    public List<String> sdk() {
        synchronized (loaded) {
            return loaded.stream().filter(n -> n.startsWith("io.github.jopenlibs.")
                    || n.startsWith("software.amazon.")).toList();
        }
    }
}
