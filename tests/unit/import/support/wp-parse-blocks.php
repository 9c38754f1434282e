<?php
// WordPress's own block parser (WP_Block_Parser, serialize_block) without a database: reads a JSON list of
// contents on stdin, writes for each the top-level blocks as [name, serialized] pairs.
function wp_json_encode($data, $options = 0, $depth = 512) { return json_encode($data, $options, $depth); }
require '/usr/share/wordpress/wp-includes/class-wp-block-parser.php';
require '/usr/share/wordpress/wp-includes/blocks.php';
$parser = new WP_Block_Parser();
$out = array();
foreach (json_decode(stream_get_contents(STDIN), true) as $content) {
  $blocks = array();
  foreach ($parser->parse($content) as $block) {
    $blocks[] = array($block['blockName'], serialize_block($block));
  }
  $out[] = $blocks;
}
echo json_encode($out);
