"""Related indicators by similarity of text (generator/related.py): MinHash/LSH finds kin
across agencies, leaves unrelated names apart, is deterministic, and its work grows
near-linearly (comparisons are counted, not seconds)."""
import random
from types import SimpleNamespace

from generator import related as rel

PROVINCES = [SimpleNamespace(code=f"{c}", name=f"P{c}") for c in (11, 32, 35, 51, 64)]


def agency(n: int):
    return SimpleNamespace(id=f"a{n:05d}", name=f"Lembaga {n}", province=PROVINCES[n % len(PROVINCES)],
                           kabupaten=None)


def ind(n_agency: int, order: int, name: str, agencies={}):  # noqa: B006 (one agency object per number)
    a = agencies.setdefault(n_agency, agency(n_agency))
    return SimpleNamespace(id=f"{a.id}--{order}", name=name, order=order, document=SimpleNamespace(agency=a))


KIN = ["Persentase kehadiran pegawai", "Persentase Kehadiran Pegawai.", "Persentase tingkat kehadiran pegawai ASN",
       "Jumlah kehadiran pegawai", "persentase kehadiran pegawai negeri"]
OTHERS = ["Persentase realisasi anggaran", "Jumlah dokumen perencanaan yang tersusun",
          "Indeks kepuasan masyarakat terhadap pelayanan", "Persentase pegawai yang mengikuti diklat",
          "Jumlah laporan keuangan tepat waktu"]


def fixture():
    inds = [ind(i, 1, name) for i, name in enumerate(KIN)]
    inds += [ind(i, 2, name) for i, name in enumerate(OTHERS)]
    return inds


def test_kin_are_found_in_every_agency_and_unrelated_names_are_not():
    result = rel.compute(fixture(), max_links=10)
    first = result.links["a00000--1"]
    assert {o.document.agency.id for o in first} == {"a00001", "a00002", "a00003", "a00004"}
    assert all(o.name in KIN for o in first)
    for i, _ in enumerate(OTHERS):
        assert all(o.name not in KIN for o in result.links.get(f"a{i:05d}--2", []))
    # "pegawai" alone does not make "mengikuti diklat" kin of "kehadiran"
    assert "a00003--2" not in result.links or all(o.name not in KIN for o in result.links["a00003--2"])
    theme = next(t for t in result.themes if "a00000--1" in {i.id for i in t.indicators})
    assert {i.name for i in theme.indicators} == set(KIN)
    assert theme.title in KIN and theme.id.startswith(rel._slug(theme.title) + "-")
    assert result.theme_of["a00004--1"] == theme.id


def test_an_indicator_never_links_to_its_own_agency_and_links_are_capped():
    inds = [ind(0, k, "Persentase kehadiran pegawai") for k in (1, 2)]
    inds += [ind(n, 1, "Persentase kehadiran pegawai") for n in range(1, 8)]
    result = rel.compute(inds)
    for i in inds:
        others = result.links[i.id]
        assert len(others) == rel.MAX_LINKS
        assert i.document.agency.id not in {o.document.agency.id for o in others}
        assert len({o.document.agency.id for o in others}) == len(others)


def test_one_word_names_relate_nothing():
    result = rel.compute([ind(0, 1, "Jumlah Dokumen"), ind(1, 1, "Jumlah Dokumen"), ind(2, 1, "Laporan")])
    assert result.links == {} and result.themes == []


def summary(result):
    return ({k: [o.id for o in v] for k, v in result.links.items()},
            [(t.id, t.title, [i.id for i in t.indicators]) for t in result.themes])


def synthetic(n: int, seed: int = 1):
    """n indicators over n/10 agencies, shaped like a portal that grows: names drawn from a
    vocabulary that grows with it, each agency writing one name every agency writes the same
    way (a bucket as large as the portal) and kin of a few common names."""
    rng = random.Random(seed)
    vocab = [f"kata{k}" for k in range(max(50, n // 2))]
    common = [f"kehadiran pegawai bidang b{k}" for k in range(5)]
    agencies: dict = {}
    out = []
    for k in range(n):
        a = k // 10
        if k % 10 == 0:
            name = "Persentase kehadiran pegawai"
        elif k % 10 == 1:
            name = "Jumlah " + rng.choice(common) + " " + rng.choice(["", "tepat waktu", "sesuai standar"])
        else:
            name = " ".join(rng.choice(vocab) for _ in range(rng.randint(3, 6)))
        out.append(ind(a, k % 10, name, agencies))
    return out


def near_duplicates(n: int):
    """The worst case for LSH: n distinct names all similar to each other (all pairs would be
    n * (n - 1) / 2 comparisons)."""
    agencies: dict = {}
    return [ind(k // 10, k % 10, f"Persentase kehadiran pegawai bidang b{k}", agencies) for k in range(n)]


def test_deterministic_whatever_the_input_order():
    inds = synthetic(600) + fixture()
    shuffled = inds[:]
    random.Random(7).shuffle(shuffled)
    assert summary(rel.compute(inds)) == summary(rel.compute(shuffled))


def test_work_grows_near_linearly():
    result = rel.compute(synthetic(8_000))
    small, large = rel.compute(synthetic(2_000)).stats, result.stats
    assert large.indicators == 4 * small.indicators
    # all pairs would grow 16-fold; LSH stays near 4-fold
    assert large.comparisons <= 5 * small.comparisons
    # and still finds the kin: every agency's "kehadiran pegawai bidang" relates to others
    kin = [i for i in synthetic(8_000) if i.order == 1]
    assert sum(len(result.links.get(i.id, [])) == rel.MAX_LINKS for i in kin) >= 0.95 * len(kin)
    # the name every agency writes is one node, hashed once
    assert large.nodes < large.indicators


def test_large_buckets_are_capped():
    small, large = rel.compute(near_duplicates(500)).stats, rel.compute(near_duplicates(2_000)).stats
    assert small.pairs > 0
    assert large.comparisons <= 5 * small.comparisons
    assert large.comparisons <= rel.BANDS * rel.WINDOW * large.nodes < large.nodes * (large.nodes - 1) // 2


def _candidates_one_by_one(keys):
    """The candidate rule written out pair by pair (as related.py did before it was
    vectorised): per band, buckets of equal band values in ascending index order, each member
    compared with the WINDOW members after it."""
    n, seen = len(keys), set()
    for part in rel.band_signatures(keys):
        buckets: dict = {}
        for i, row in enumerate(part.tolist()):
            buckets.setdefault(tuple(row), []).append(i)
        for members in buckets.values():
            for x, i in enumerate(members):
                for j in members[x + 1:x + 1 + rel.WINDOW]:
                    seen.add(i * n + j)
    return sorted(seen)


def test_candidates_follow_the_bucket_and_window_rule():
    for inds in (synthetic(1_500), near_duplicates(300), fixture()):
        keys = sorted({rel.node_key(rel.shingles(i.name)) for i in inds if len(rel.words(i.name)) >= 2})
        assert rel.candidates(keys).tolist() == _candidates_one_by_one(keys)


def test_keys_sort_as_the_sorted_shingle_lists():
    sets = [rel.shingles(i.name) for i in synthetic(400) + near_duplicates(50) + fixture()]
    sets = [s for s in {s: None for s in sets} if s]
    by_key = sorted(sets, key=rel.node_key)
    assert by_key == sorted(sets, key=sorted)


def test_memory_while_computing_stays_small_per_indicator():
    """No set of strings per name while the index is computed: a distinct name costs its key,
    its list of indicators and a 32-bit hash per shingle (the peak was ~1,700 bytes per
    indicator on this portal before; ~450 now). Traced, not timed."""
    import tracemalloc
    inds = synthetic(8_000)
    rel.compute(inds[:100])  # imports and caches first
    tracemalloc.start()
    try:
        rel.compute(inds)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak / len(inds) < 900


def _agencies_of(inds):
    groups: dict = {}
    for i in inds:
        groups.setdefault(i.document.agency.id, []).append(i)
    return list(groups.values())


def test_a_rebuild_from_the_previous_pairs_gives_the_full_result():
    """compute_parts from the previous index's pairs (one agency's names changed: some to
    another agency's names, some dropped, one agency gone, one new) compares only the
    changed buckets and gives what a computation from nothing gives, pair for pair."""
    groups = _agencies_of(synthetic(3_000) + near_duplicates(400) + fixture())
    parts = [rel.part_of([i.name for i in g]) for g in groups]
    first, pairs = rel.compute_parts(list(zip(groups, parts)))
    assert summary(first) == summary(rel.compute([i for g in groups for i in g]))
    rng = random.Random(5)
    for trial in range(6):
        g = rng.randrange(len(groups))
        donor = groups[rng.randrange(len(groups))]
        changed = [SimpleNamespace(id=i.id, order=i.order, document=i.document,
                                   name=donor[k % len(donor)].name + (" baru" if k % 2 else "") if k % 3 == 0 else i.name)
                   for k, i in enumerate(groups[g]) if trial != 3 or k % 2]
        new_groups = groups[:g] + ([changed] if trial != 4 else []) + groups[g + 1:]
        new_parts = parts[:g] + ([rel.part_of([i.name for i in changed])] if trial != 4 else []) + parts[g + 1:]
        if trial == 5:  # a new agency writing the near-duplicates' names
            extra = [ind(9_000, k, f"Persentase kehadiran pegawai bidang b{k * 7}") for k in range(40)]
            new_groups, new_parts = new_groups + [extra], new_parts + [rel.part_of([i.name for i in extra])]
        known = [p is not parts[g] and any(p is q for q in parts) for p in new_parts]
        result, new_pairs = rel.compute_parts(list(zip(new_groups, new_parts)), previous=(known, [parts[g]], pairs))
        full = rel.compute([i for gg in new_groups for i in gg])
        assert summary(result) == summary(full), trial
        assert result.stats.pairs == full.stats.pairs
        assert result.stats.comparisons < full.stats.comparisons / 4  # only the changed buckets
        groups, parts, pairs = new_groups, new_parts, new_pairs


def test_band_hashes_bucket_as_the_signature_values():
    keys = sorted({rel.node_key(rel.shingles(i.name)) for i in synthetic(2_000) + near_duplicates(200)
                   if len(rel.words(i.name)) >= 2})
    bands = rel.band_hashes(*rel.shingle_hashes(keys))
    for b, part in enumerate(rel.band_signatures(keys)):
        by_values = {tuple(r) for r in part.tolist()}
        assert len(set(bands[:, b].tolist())) == len(by_values)
        same = {}
        for h, r in zip(bands[:, b].tolist(), map(tuple, part.tolist())):
            assert same.setdefault(h, r) == r


def test_analyse_with_a_cache_reuses_the_last_index(tmp_path, monkeypatch):
    """analyse() with a build cache: each agency's part cached under its names, the last
    index's pairs kept; after one agency changed, only the changed buckets are compared and
    the result is compute()'s. A pointer left by another code version is not used."""
    from generator.cache import Cache

    def portal_of(groups):
        return SimpleNamespace(agencies=[SimpleNamespace(current=SimpleNamespace(indicators=g)) for g in groups])
    groups = _agencies_of(synthetic(2_000) + near_duplicates(200) + fixture())
    cache = Cache(tmp_path / "cache")
    first = rel.analyse(portal_of(groups), cache)
    assert summary(first) == summary(rel.compute([i for g in groups for i in g]))
    changed = [SimpleNamespace(id=i.id, order=i.order, document=i.document, name=groups[0][k % 7].name + " baru")
               for k, i in enumerate(groups[5])]
    groups = groups[:5] + [changed] + groups[6:]
    again = rel.analyse(portal_of(groups), cache)
    full = rel.compute([i for g in groups for i in g])
    assert summary(again) == summary(full)
    assert again.stats.comparisons < full.stats.comparisons / 4
    (tmp_path / "cache" / rel.LAST).write_text("another-version " + (tmp_path / "cache" / rel.LAST).read_text().split()[1])
    fresh = rel.analyse(portal_of(groups), cache)
    assert summary(fresh) == summary(full) and fresh.stats.comparisons == full.stats.comparisons
