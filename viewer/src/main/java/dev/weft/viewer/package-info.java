/**
 * The trace viewer: a self-contained browser page written next to the JSON trace files, and the
 * companion data that lets it list and open them straight from disk.
 *
 * <p>Browsers forbid a page opened from {@code file://} to read other local files with {@code
 * fetch}, but they do run local scripts. So every trace is also written into a script with the
 * others of its batch ({@code weft-data/pack_<hex>.js}) and summarised by one line in an
 * append-only index of scripts ({@code weft-index/NNNNNN.js}) that names that script; the page adds
 * {@code <script>} tags for them. Entry point: {@link dev.weft.viewer.TraceFolderViewer}.
 */
package dev.weft.viewer;
