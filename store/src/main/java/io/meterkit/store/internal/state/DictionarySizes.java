package io.meterkit.store.internal.state;

/**
 * How many ids each dictionary had assigned at one moment, id 0 included: every id a published
 * state refers to is below its dictionary's size in that state.
 *
 * <p>Immutable and thread-safe.
 *
 * @param resources ids of resource ids
 * @param projects ids of project ids
 * @param users ids of user ids
 * @param sources ids of sources
 * @param metadata ids of metadata maps
 */
public record DictionarySizes(int resources, int projects, int users, int sources, int metadata) {}
