package io.chronoflow.engine.scheduling;

import java.util.List;

/**
 * One page of a longer list.
 *
 * @param items this page's items.
 * @param page the page number, from 0.
 * @param size the page size asked for.
 * @param total how many items there are in all.
 */
public record Page<T>(List<T> items, int page, int size, long total) {}
