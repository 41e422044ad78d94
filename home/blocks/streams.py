"""Load the blocks of many StreamFields together: one query per block type, not one per page.

Wagtail converts a stored StreamField lazily, in bulk per block type, but only within one
value. A listing that shows twenty bodies would make twenty sets of queries; converting the
twenty together keeps the cost of a listing the same however long it is.
"""

from collections import defaultdict

from wagtail.blocks import StreamValue


def prefetch_stream_blocks(values):
    """Convert the stored blocks of these StreamValues, sharing each block type's query."""
    pending = defaultdict(list)
    blocks_by_key = {}
    for value in values:
        if not isinstance(value, StreamValue) or not value.is_lazy:
            continue
        children = value.stream_block.child_blocks
        for index, raw in enumerate(value._raw_data):
            # Blocks already converted, and stored blocks of a type since removed, are skipped.
            if value._bound_blocks[index] is None and raw and raw.get("type") in children:
                key = (id(value.stream_block), raw["type"])
                blocks_by_key[key] = children[raw["type"]]
                pending[key].append((value, index, raw))
    for key, items in pending.items():
        child = blocks_by_key[key]
        converted = child.bulk_to_python([raw["value"] for _, _, raw in items])
        for (value, index, raw), native in zip(items, converted, strict=True):
            value._bound_blocks[index] = StreamValue.StreamChild(child, native, id=raw.get("id"))
