package dev.paas.router.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BalancerTest {
    private static final long NOW = 1_000_000_000L;

    /** Backends given as "outstanding" or "outstanding:down"; tried ones by index. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no backends: none", List.of(), Set.of(), Set.of()),
                Arguments.of("one backend: it", List.of("5"), Set.of(), Set.of(0)),
                Arguments.of("one backend already tried: none", List.of("0"), Set.of(0), Set.of()),
                Arguments.of("two: always the less loaded", List.of("9", "1"), Set.of(), Set.of(1)),
                Arguments.of("a down backend is skipped", List.of("0:down", "7"), Set.of(), Set.of(1)),
                Arguments.of("a tried backend is skipped", List.of("0", "7", "8"), Set.of(0), Set.of(1, 2)),
                Arguments.of("all down: still an untried one", List.of("0:down", "0:down"), Set.of(0), Set.of(1)),
                Arguments.of("all tried: none", List.of("0", "0", "0"), Set.of(0, 1, 2), Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void picks_follow_the_rules(String name, List<String> spec, Set<Integer> triedIndexes, Set<Integer> allowed) {
        var backends = backends(spec);
        var tried = new java.util.HashSet<Backend>();
        triedIndexes.forEach(i -> tried.add(backends.get(i)));

        for (int round = 0; round < 50; round++) {
            Backend picked = Balancer.pick(backends, tried, NOW);
            if (allowed.isEmpty()) {
                assertThat(picked).isNull();
            } else {
                assertThat(allowed).contains(backends.indexOf(picked));
            }
        }
    }

    @ParameterizedTest(name = "{0} backends")
    @MethodSource("sizes")
    void two_choices_keep_load_even_and_never_pick_the_busiest(int size) {
        var backends = backends(Stream.generate(() -> "0").limit(size).toList());
        backends.getFirst().begin();
        for (int i = 0; i < 10; i++) {
            backends.getFirst().begin(); // the first one is stuck with 11 in flight
        }
        var counts = new HashMap<Backend, Integer>();
        for (int i = 0; i < 3000; i++) {
            Backend b = Balancer.pick(backends, Set.of(), NOW);
            counts.merge(b, 1, Integer::sum);
        }

        assertThat(counts).doesNotContainKey(backends.getFirst());
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isGreaterThan(3000 / size / 3));
    }

    static Stream<Integer> sizes() {
        return Stream.of(3, 5, 10);
    }

    private static List<Backend> backends(List<String> spec) {
        return spec.stream().map(s -> {
            var b = new Backend(UUID.randomUUID(), "web.1", "127.0.0.1", 5000);
            String[] parts = s.split(":");
            for (int i = 0; i < Integer.parseInt(parts[0]); i++) {
                b.begin();
            }
            if (parts.length > 1) {
                b.markDown(NOW, 5_000_000_000L);
            }
            return b;
        }).toList();
    }
}
