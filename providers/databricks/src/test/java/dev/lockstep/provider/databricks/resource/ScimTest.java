package dev.lockstep.provider.databricks.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SCIM list paging: a list that fits on its first page costs one request. */
class ScimTest {

    @Test
    void onePageWhenTheTotalIsReached() {
        List<Long> starts = new ArrayList<>();
        List<String> all = Scim.pages(start -> {
            starts.add(start);
            return new Scim.Page<>(List.of("a", "b"), 2L);
        });
        assertEquals(List.of("a", "b"), all);
        assertEquals(List.of(1L), starts);
    }

    @Test
    void followsPagesUpToTheTotal() {
        List<String> data = List.of("a", "b", "c", "d", "e");
        List<Long> starts = new ArrayList<>();
        List<String> all = Scim.pages(start -> {
            starts.add(start);
            int from = (int) start - 1;
            return new Scim.Page<>(data.subList(from, Math.min(data.size(), from + 2)), 5L);
        });
        assertEquals(data, all);
        assertEquals(List.of(1L, 3L, 5L), starts);
    }

    @Test
    void withoutATotalStopsAtAnEmptyPage() {
        List<Long> starts = new ArrayList<>();
        List<String> all = Scim.pages(start -> {
            starts.add(start);
            return new Scim.Page<>(start == 1 ? List.of("a") : List.of(), null);
        });
        assertEquals(List.of("a"), all);
        assertEquals(List.of(1L, 2L), starts);
    }
}
