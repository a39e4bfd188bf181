package org.blackout.core.signal;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.IntToDoubleFunction;

/**
 * Which prefixes make up each watched entity, and the reverse (prefix → entities). Membership is
 * sticky: a prefix once originated by an AS, or once seen inside a country, stays a member after
 * it is withdrawn everywhere, which is exactly how lost space shows up as lower visibility.
 * Each membership carries a weight: the /24 equivalents of the entity's space inside the prefix.
 * For an AS that is the whole prefix, computed, not stored; a country or block stores its share
 * (prefixes spanning countries are split).
 *
 * <p>Memory matters with {@code all-ases}: one int per membership, plus one long per prefix for its
 * first two entities; only prefixes in three or more entities use a side map.
 */
public final class EntityIndex {
    private static final int[] NO_ENTITIES = new int[0];

    private final Object2IntOpenHashMap<Entity> ids = new Object2IntOpenHashMap<>();
    private final List<Entity> entities = new ArrayList<>();
    private final List<Members> members = new ArrayList<>();
    private final IntToDoubleFunction wholePrefix;
    /**
     * Per prefix, its first two entities in one word, each as id + 1 (0: none): the first in the low
     * half, the second in the high half below the sign bit, which is set when further entities are in
     * {@link #more}. One word, not two arrays and a map probe: every element asks for its prefix's
     * entities two or three times, and each look-up was a cache miss (JFR, a real day).
     */
    private long[] entitiesOf = new long[1024];
    private static final long MORE = Long.MIN_VALUE;
    private final Int2ObjectOpenHashMap<int[]> more = new Int2ObjectOpenHashMap<>();
    private long[] dirty = new long[1];

    /** {@code wholePrefix}: prefix id → its /24 equivalents, the weight of an AS membership. */
    public EntityIndex(IntToDoubleFunction wholePrefix) {
        this.wholePrefix = wholePrefix;
        ids.defaultReturnValue(-1);
    }

    /** An entity's members: prefix ids with their weights, in the order they joined. */
    public final class Members {
        final IntArrayList prefixes = new IntArrayList(4);
        final DoubleArrayList weights; // null: whole prefixes
        long announcements, withdrawals;
        /**
         * The members in prefix order with their nesting, kept between bins by the signal calculator;
         * members only join, so it covers the first {@code layout.size} members and newcomers are
         * merged in. Null: never laid out.
         */
        SignalCalculator.Layout layout;
        /** A large entity's members' peer sets and statuses, refreshed by the signal calculator. Null: none kept. */
        SignalCalculator.Snapshot snapshot;

        Members(boolean weighted) {
            weights = weighted ? new DoubleArrayList(4) : null;
        }

        public int size() {
            return prefixes.size();
        }

        public int prefix(int i) {
            return prefixes.getInt(i);
        }

        public double weight(int i) {
            return weights == null ? wholePrefix.applyAsDouble(prefixes.getInt(i)) : weights.getDouble(i);
        }
    }

    /** The entity's id, registering it on first sight. */
    public int entity(Entity e) {
        int id = ids.getInt(e);
        if (id >= 0) return id;
        id = entities.size();
        ids.put(e, id);
        entities.add(e);
        members.add(new Members(!(e instanceof Entity.As)));
        if ((id >>> 6) >= dirty.length) dirty = Arrays.copyOf(dirty, dirty.length * 2);
        dirty[id >>> 6] |= 1L << id;
        return id;
    }

    /** The entity's id or -1. */
    public int find(Entity e) {
        return ids.getInt(e);
    }

    public int size() {
        return entities.size();
    }

    public Entity get(int id) {
        return entities.get(id);
    }

    public Members members(int id) {
        return members.get(id);
    }

    private static int first(long v) {
        return (int) v;
    }

    private static int second(long v) {
        return (int) (v >>> 32) & Integer.MAX_VALUE;
    }

    public boolean contains(int entity, int prefixId) {
        if (prefixId >= entitiesOf.length) return false;
        long v = entitiesOf[prefixId];
        if (first(v) == 0) return false;
        if (first(v) == entity + 1) return true;
        if (second(v) == 0) return false;
        if (second(v) == entity + 1) return true;
        if (v >= 0) return false;
        int[] rest = more.get(prefixId);
        if (rest != null) for (int e : rest) if (e == entity) return true;
        return false;
    }

    /** Adds a prefix to an entity with its weight; returns false when it was a member already. */
    public boolean add(int entity, int prefixId, double weight) {
        if (contains(entity, prefixId)) return false;
        Members m = members.get(entity);
        m.prefixes.add(prefixId);
        if (m.weights != null) m.weights.add(weight);
        if (prefixId >= entitiesOf.length) {
            entitiesOf = Arrays.copyOf(entitiesOf, Math.max(prefixId + 1, entitiesOf.length + (entitiesOf.length >>> 1)));
        }
        long v = entitiesOf[prefixId];
        if (first(v) == 0) {
            entitiesOf[prefixId] = v | (entity + 1L);
        } else if (second(v) == 0) {
            // a second entity is common (a prefix's country and its origin AS): in the word, not the map
            entitiesOf[prefixId] = v | ((entity + 1L) << 32);
        } else {
            entitiesOf[prefixId] = v | MORE;
            int[] cur = more.get(prefixId);
            int[] n = cur == null ? new int[1] : Arrays.copyOf(cur, cur.length + 1);
            n[n.length - 1] = entity;
            more.put(prefixId, n);
        }
        markDirty(entity);
        return true;
    }

    /** Adds to the weight of an existing membership (a prefix over several ranges of one country). */
    public void addWeight(int entity, int prefixId, double weight) {
        Members m = members.get(entity);
        if (m.weights == null) return;
        int i = m.prefixes.lastIndexOf(prefixId);
        if (i >= 0) {
            m.weights.set(i, m.weights.getDouble(i) + weight);
            m.layout = null; // it holds the weights
        }
    }

    /** Calls {@code action} with every entity the prefix belongs to. */
    public void forEachEntity(int prefixId, IntConsumer action) {
        if (prefixId >= entitiesOf.length) return;
        long v = entitiesOf[prefixId];
        if (first(v) == 0) return;
        action.accept(first(v) - 1);
        if (second(v) == 0) return;
        action.accept(second(v) - 1);
        for (int e : rest(prefixId, v)) action.accept(e);
    }

    /** The prefix's entities after its first two (the sign bit of its packed pair says there are more). */
    private int[] rest(int prefixId, long v) {
        int[] r = v < 0 ? more.get(prefixId) : null;
        return r == null ? NO_ENTITIES : r;
    }

    /** Entities the prefix belongs to (a new array; for tests and detectors). */
    public int[] entitiesOf(int prefixId) {
        if (prefixId >= entitiesOf.length || first(entitiesOf[prefixId]) == 0) return NO_ENTITIES;
        IntArrayList list = new IntArrayList(3);
        forEachEntity(prefixId, list::add);
        return list.toIntArray();
    }

    public void markDirty(int entity) {
        dirty[entity >>> 6] |= 1L << entity;
    }

    /** Marks every entity of a prefix dirty (its visibility must be recomputed at the bin's end). */
    public void prefixChanged(int prefixId) {
        // spelled out rather than through forEachEntity: three of these run per element, and a
        // lambda per caller made its call site megamorphic (a tenth of the main thread, JFR)
        if (prefixId >= entitiesOf.length) return;
        long v = entitiesOf[prefixId];
        if (first(v) == 0) return;
        markDirty(first(v) - 1);
        if (second(v) == 0) return;
        markDirty(second(v) - 1);
        for (int e : rest(prefixId, v)) markDirty(e);
    }

    public void markAllDirty() {
        Arrays.fill(dirty, -1L);
    }

    public boolean isDirty(int entity) {
        return (dirty[entity >>> 6] & (1L << entity)) != 0;
    }

    public void clean(int entity) {
        dirty[entity >>> 6] &= ~(1L << entity);
    }

    public void countAnnouncement(int prefixId) {
        count(prefixId, true);
    }

    public void countWithdrawal(int prefixId) {
        count(prefixId, false);
    }

    private void count(int prefixId, boolean announcement) {
        if (prefixId >= entitiesOf.length) return;
        long v = entitiesOf[prefixId];
        if (first(v) == 0) return;
        count(members.get(first(v) - 1), announcement);
        if (second(v) == 0) return;
        count(members.get(second(v) - 1), announcement);
        for (int e : rest(prefixId, v)) count(members.get(e), announcement);
    }

    private static void count(Members m, boolean announcement) {
        if (announcement) m.announcements++;
        else m.withdrawals++;
    }

    /** Returns and resets the entity's announcement and withdrawal counts: {announcements, withdrawals}. */
    public long[] takeCounts(int entity) {
        Members m = members.get(entity);
        long[] r = {m.announcements, m.withdrawals};
        m.announcements = 0;
        m.withdrawals = 0;
        return r;
    }
}
