"""{% fragment_cache "name" vary_on... %}…{% endfragment_cache %}: see home.cache (Fragments)."""

from django import template

from home.cache import cached_fragment

register = template.Library()


class FragmentCacheNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        vary_on = [variable.resolve(context) for variable in self.vary_on]
        return cached_fragment(context.get("request"), self.name, vary_on, lambda: self.nodelist.render(context))


@register.tag("fragment_cache")
def fragment_cache(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("fragment_cache needs a name: {% fragment_cache 'header' page.pk %}")
    nodelist = parser.parse(("endfragment_cache",))
    parser.delete_first_token()
    name = bits[1].strip("'\"")
    return FragmentCacheNode(nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]])
