package org.blackout.core.signal;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which prefixes make up each watched entity, and the reverse (prefix → entities). Membership is
 * sticky: a prefix once originated by an AS, or once seen inside a country, stays a member after
 * it is withdrawn everywhere, which is exactly how lost space shows up as lower visibility.
 * Each membership carries a weight: the /24 equivalents of the entity's space inside the prefix
 * (the whole prefix for an AS; the country's share of it for a country, as prefixes that span
 * countries are split).
 */
public final class EntityIndex {
    private static final int[] NO_ENTITIES = new int[0];

    private final Object2IntOpenHashMap<Entity> ids = new Object2IntOpenHashMap<>();
    private final List<Entity> entities = new ArrayList<>();
    private final List<Members> members = new ArrayList<>();
    private int[][] byPrefix = new int[1024][];
    private long[] dirty = new long[1];

    public EntityIndex() {
        ids.defaultReturnValue(-1);
    }

    /** An entity's members: prefix ids with their weights, unordered. */
    public static final class Members {
        final IntArrayList prefixes = new IntArrayList();
        final DoubleArrayList weights = new DoubleArrayList();
        final IntOpenHashSet set = new IntOpenHashSet();
        long announcements, withdrawals;

        public int size() {
            return prefixes.size();
        }

        public int prefix(int i) {
            return prefixes.getInt(i);
        }

        public double weight(int i) {
            return weights.getDouble(i);
        }

        public boolean contains(int prefixId) {
            return set.contains(prefixId);
        }
    }

    /** The entity's id, registering it on first sight. */
    public int entity(Entity e) {
        int id = ids.getInt(e);
        if (id >= 0) return id;
        id = entities.size();
        ids.put(e, id);
        entities.add(e);
        members.add(new Members());
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

    /** Adds a prefix to an entity with its weight; returns false when it was a member already. */
    public boolean add(int entity, int prefixId, double weight) {
        Members m = members.get(entity);
        if (!m.set.add(prefixId)) return false;
        m.prefixes.add(prefixId);
        m.weights.add(weight);
        if (prefixId >= byPrefix.length) byPrefix = Arrays.copyOf(byPrefix, Math.max(prefixId + 1, byPrefix.length * 2));
        int[] cur = byPrefix[prefixId];
        if (cur == null) {
            byPrefix[prefixId] = new int[] {entity};
        } else {
            int[] n = Arrays.copyOf(cur, cur.length + 1);
            n[cur.length] = entity;
            byPrefix[prefixId] = n;
        }
        markDirty(entity);
        return true;
    }

    /** Adds to the weight of an existing membership (a prefix over several ranges of one country). */
    public void addWeight(int entity, int prefixId, double weight) {
        Members m = members.get(entity);
        int i = m.prefixes.lastIndexOf(prefixId);
        if (i >= 0) m.weights.set(i, m.weights.getDouble(i) + weight);
    }

    /** Entities the prefix belongs to (do not modify). */
    public int[] entitiesOf(int prefixId) {
        if (prefixId >= byPrefix.length) return NO_ENTITIES;
        int[] e = byPrefix[prefixId];
        return e == null ? NO_ENTITIES : e;
    }

    public void markDirty(int entity) {
        dirty[entity >>> 6] |= 1L << entity;
    }

    /** Marks every entity of a prefix dirty (its visibility must be recomputed at the bin's end). */
    public void prefixChanged(int prefixId) {
        for (int e : entitiesOf(prefixId)) dirty[e >>> 6] |= 1L << e;
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
        for (int e : entitiesOf(prefixId)) members.get(e).announcements++;
    }

    public void countWithdrawal(int prefixId) {
        for (int e : entitiesOf(prefixId)) members.get(e).withdrawals++;
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
