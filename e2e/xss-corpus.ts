// Payloads written for Comptoir's rendering path: markdown (CommonMark, raw HTML off) → allow-list sanitiser on the
// server → the client's inert parse and insertion. Every payload that ran would call `alert()` (counted by the test) or
// bump `window.__xss`. They are grouped by the trick they try; the generated groups at the end cross handlers, tags
// and scheme spellings systematically. None is taken from a published list.

const HIT = "window.__xss++";

/** Plain HTML the markdown renderer should print as text. */
const rawHtml = [
  `<script>${HIT}</script>`,
  `<script src="/api/v1/x.js"></script>`,
  `<SCRIPT>alert('comptoir')</SCRIPT>`,
  `<script type="module">${HIT}</script>`,
  `<script>/*</script><script>*/${HIT}</script>`,
  `<img src=x onerror=${HIT}>`,
  `<img src="x" onerror="alert(1)">`,
  `<img/src=x/onerror=alert(2)>`,
  `<img src=x onerror="&#97;lert(3)">`,
  `<img src onerror=alert(4)>`,
  `<image src=x onerror=alert(5)>`,
  `<svg onload=${HIT}>`,
  `<svg/onload=alert(6)>`,
  `<svg><script>${HIT}</script></svg>`,
  `<svg><g onload="alert(7)"></g></svg>`,
  `<body onload=alert(8)>`,
  `<iframe src="javascript:alert(9)"></iframe>`,
  `<iframe srcdoc="<script>parent.__xss++</script>"></iframe>`,
  `<iframe srcdoc="&lt;img src=x onerror=parent.alert(10)&gt;"></iframe>`,
  `<object data="javascript:alert(11)"></object>`,
  `<object data="data:text/html,<script>alert(12)</script>"></object>`,
  `<embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxMyk8L3NjcmlwdD4=">`,
  `<embed src="javascript:alert(14)">`,
  `<form action="javascript:alert(15)"><button>Send</button></form>`,
  `<form><button formaction="javascript:alert(16)">Go</button></form>`,
  `<meta http-equiv="refresh" content="0;url=javascript:alert(17)">`,
  `<meta http-equiv="refresh" content="0;url=data:text/html,<script>alert(18)</script>">`,
  `<base href="javascript:alert(19)//">`,
  `<base href="https://attacker.example/">`,
  `<link rel="stylesheet" href="javascript:alert(20)">`,
  `<style>@import "javascript:alert(21)";</style>`,
  `<style>body{background:url("javascript:alert(22)")}</style>`,
  `<div style="width:expression(alert(23))">css expression</div>`,
  `<div style="background-image:url(javascript:alert(24))">bg</div>`,
  `<div style="behavior:url(#default#time2)" onbegin="alert(25)">htc</div>`,
  `<div style="-moz-binding:url(data:text/xml,x)">binding</div>`,
  `<details open ontoggle=${HIT}>x</details>`,
  `<input autofocus onfocus=alert(26)>`,
  `<select autofocus onfocus=alert(27)></select>`,
  `<textarea autofocus onfocus=alert(28)></textarea>`,
  `<video><source onerror="alert(29)"></video>`,
  `<audio src=x onerror=alert(30)></audio>`,
  `<marquee onstart=alert(31)>scroll</marquee>`,
  `<math href="javascript:alert(32)">click</math>`,
  `<a href="javascript:alert(33)">plain anchor</a>`,
  `<a href="#" onclick="alert(34)">click handler</a>`,
  `<a href="data:text/html,<script>alert(35)</script>">data anchor</a>`,
  `<template><script>${HIT}</script></template>`,
  `<noscript><p title="</noscript><img src=x onerror=alert(36)>"></noscript>`,
  `<isindex action=javascript:alert(37) type=image>`,
];

/** Markdown constructs that produce links and images: the schemes, quotes and titles they try to smuggle. */
const markdownLinks = [
  `[click](javascript:${HIT})`,
  `[click](JaVaScRiPt:alert(40))`,
  `[click](javascript&#58;alert(41))`,
  `[click](&#106;avascript:alert(42))`,
  `[click](&#x6A;&#x61;vascript:alert(43))`,
  `[click](java%73cript:alert(44))`,
  `[click]( javascript:alert(45))`,
  `[click](<javascript:alert(46)>)`,
  `[click](\tjavascript:alert(47))`,
  `[click](vbscript:msgbox(48))`,
  `[click](data:text/html;base64,PHNjcmlwdD5hbGVydCg0OSk8L3NjcmlwdD4=)`,
  `[click](data:text/html,<script>alert(50)</script>)`,
  `[click](file:///etc/passwd)`,
  `[click](//attacker.example/x)`,
  `[click](https://comptoir.example/"onmouseover="alert(51))`,
  `[click](https://comptoir.example/ "title\\" onmouseover=\\"alert(52)")`,
  `[click](https://comptoir.example/ 'x\\' onfocus=\\'alert(53)')`,
  `[ref link][evil]\n\n[evil]: javascript:alert(54)`,
  `[ref link][evil2]\n\n[evil2]: <javascript:alert(55)> "t"`,
  `<javascript:alert(56)>`,
  `<JAVASCRIPT:alert(57)>`,
  `<data:text/html,<script>alert(58)</script>>`,
  `![pic](javascript:alert(59))`,
  `![pic](x" onerror="alert(60))`,
  `![pic](x"onerror="alert(61)")`,
  `![" onerror="alert(62)](/favicon.svg)`,
  `![pic](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoNjMpPjwvc3ZnPg==)`,
  `![pic](data:image/png;base64,iVBORw0KGgo=)`,
  `![pic](https://attacker.example/track.png)`,
  `![pic](http://attacker.example/track.gif "t")`,
  `![pic](/api/v1/files/fil_does_not_exist "onerror")`,
  `[![img in link](/favicon.svg)](javascript:alert(64))`,
  `[link *with* **markup**](javascript:alert(65))`,
  `[a](javascript:alert(66) "t")[b](javascript:alert(67))`,
  `[nested [brackets]](javascript:alert(68))`,
  `[x](javascript:/*https://ok.example*/alert(69))`,
  `[x](https:javascript:alert(70))`,
  `[x](mailto:a@b.example?subject=<script>alert(71)</script>)`,
  `[x](#"><img src=x onerror=alert(72)>)`,
  `[x](/local"><script>alert(73)</script>)`,
];

/** Markdown blocks wrapping HTML: code stays code, headings and lists stay text. */
const markdownBlocks = [
  "`<script>window.__xss++</script>`",
  "```html\n<img src=x onerror=alert(80)>\n```",
  "~~~\n<svg onload=alert(81)>\n~~~",
  "    <script>alert(82)</script>",
  `# <script>${HIT}</script>`,
  `## <img src=x onerror=alert(83)>`,
  `> <iframe src=javascript:alert(84)>`,
  `- <svg onload=alert(85)>\n- [x](javascript:alert(86))`,
  `1. <details open ontoggle=alert(87)>`,
  `*<img src=x onerror=alert(88)>*`,
  `**"><script>alert(89)</script>**`,
  `_<a href="javascript:alert(90)">em</a>_`,
  `Line one<br onmouseover=alert(91)>line two`,
  `Setext heading <svg onload=alert(92)>\n===`,
  `***\n<script>alert(93)</script>\n***`,
  `\\<script>alert(94)\\</script>`,
  `<div>\n\n**bold inside html block** <img src=x onerror=alert(95)>\n\n</div>`,
  `[x]: javascript:alert(96)\n[x]`,
];

/** Entities, encodings and character tricks. */
const encodings = [
  `&lt;script&gt;${HIT}&lt;/script&gt;`,
  `&#60;img src=x onerror=alert(100)&#62;`,
  `&#x3C;svg onload=alert(101)&#x3E;`,
  `&amp;lt;script&amp;gt;alert(102)&amp;lt;/script&amp;gt;`,
  `%3Cscript%3Ealert(103)%3C%2Fscript%3E`,
  `\\u003cscript\\u003ealert(104)\\u003c/script\\u003e`,
  `\\x3cimg src=x onerror=alert(105)\\x3e`,
  `＜script＞alert(106)＜/script＞`,
  `<scr\u200bipt>alert(107)</scr\u200bipt>`,
  `<scr\u0000ipt>alert(108)</scr\u0000ipt>`,
  `<img src=x onerror\u0000=alert(109)>`,
  `<a href="java\u0000script:alert(110)">nul</a>`,
  `[nul](java\u0000script:alert(111))`,
  `<a href="jav&#x09;ascript:alert(112)">tab</a>`,
  `[tab](jav&#x09;ascript:alert(113))`,
  `[newline](jav&#x0A;ascript:alert(114))`,
  `<a href="&#14;javascript:alert(115)">ctl</a>`,
  `\u202e<script>alert(116)</script>`,
  `<img src=x onerror=\u2028alert(117)>`,
  `<ſcript>alert(118)</ſcript>`,
  `<İmg src=x onerror=alert(119)>`,
  `+ADw-script+AD4-alert(120)+ADw-/script+AD4-`,
  `<a href="javascript&colon;alert(121)">colon entity</a>`,
  `[colon](javascript&colon;alert(122))`,
  `<a href="&#0000106&#0000097vascript:alert(123)">padded</a>`,
  `[padded](&#0000106&#0000097vascript:alert(124))`,
  `[ws](javascript\t:alert(125))`,
  `<svg><script>&#97;lert(126)</script></svg>`,
  `<svg><script xlink:href="data:,alert(127)"></script></svg>`,
  `\u{10FFFF}<script>alert(128)</script>`,
];

/** Nested, unclosed and malformed markup that confuses naive filters. */
const malformed = [
  `<<script>script>alert(130)<</script>/script>`,
  `<scr<script>ipt>alert(131)</scr</script>ipt>`,
  `<img src=x onerror=alert(132)//`,
  `<svg/onload=alert(133)`,
  `<script>alert(134)`,
  `<img """><script>alert(135)</script>">`,
  `<img src="x` + "`" + `onerror=alert(136)` + "`" + `>`,
  `<!--<img src="--><img src=x onerror=alert(137)//">`,
  `<![CDATA[<script>alert(138)</script>]]>`,
  `<!-- --!><img src=x onerror=alert(139)> -->`,
  `<?xml version="1.0"?><script>alert(140)</script>`,
  `<!DOCTYPE html><script>alert(141)</script>`,
  `</textarea><script>alert(142)</script>`,
  `</title><script>alert(143)</script>`,
  `</style><script>alert(144)</script>`,
  `</noscript><img src=x onerror=alert(145)>`,
  `"><script>alert(146)</script>`,
  `'><img src=x onerror=alert(147)>`,
  "`><svg onload=alert(148)>",
  `" autofocus onfocus="alert(149)`,
  `' onmouseover='alert(150)`,
  `<math><mtext><table><mglyph><style><img src=x onerror=alert(151)>`,
  `<math><mi xlink:href="javascript:alert(152)">m</mi></math>`,
  `<svg><foreignObject><iframe srcdoc="<script>parent.alert(153)</script>"></iframe></foreignObject></svg>`,
  `<svg><a xlink:href="javascript:alert(154)"><text x="10" y="20">svg link</text></a></svg>`,
  `<svg><animate onbegin=alert(155) attributeName=x dur=1s>`,
  `<svg><set attributeName="href" to="javascript:alert(156)"/></svg>`,
  `<svg><use href="data:image/svg+xml,<svg id='x' onload='alert(157)'/>#x"/></svg>`,
  `<table background="javascript:alert(158)"><tr><td>t</td></tr></table>`,
  `<p id="</p><img src=x onerror=alert(159)>">`,
  `<a/href="javascript:alert(160)">slash</a>`,
  `<a href=javascript:alert(161)>unquoted</a>`,
  `<a href='javascript:alert(162)'>single</a>`,
  `<img src=x:alert(163) onerror=eval(src)>`,
  `<svg><style><img src=x onerror=alert(164)></style></svg>`,
  `<select><noembed></select><script>alert(165)</script>`,
  `<xmp><p title="</xmp><img src=x onerror=alert(166)>">`,
  `<plaintext><script>alert(167)</script>`,
  `<frameset onload=alert(168)>`,
  `<keygen autofocus onfocus=alert(169)>`,
];

/** Template, script-context and client-framework injections (text that would only bite if evaluated). */
const contexts = [
  `</script><script>${HIT}</script>`,
  `';alert(170);//`,
  `";alert(171);//`,
  "${alert(172)}",
  "{{constructor.constructor('alert(173)')()}}",
  "{{$on.constructor('alert(174)')()}}",
  "#{alert(175)}",
  "<%= alert(176) %>",
  `{"__html":"<img src=x onerror=alert(177)>"}`,
  `dangerouslySetInnerHTML={{__html:"<img src=x onerror=alert(178)>"}}`,
  `javascript:alert(179)`,
  `data:text/html,<script>alert(180)</script>`,
  `@"><img src=x onerror=alert(181)>`,
  `#"><svg onload=alert(182)>`,
  `@admin<script>alert(183)</script>`,
  `#tag<img src=x onerror=alert(184)>`,
  `https://ok.example/<script>alert(185)</script>`,
  `https://ok.example/?q="><img src=x onerror=alert(186)>`,
  `<a href="https://ok.example" target="_blank" rel="opener">opener</a>`,
  `[opener](https://ok.example "x" target="_self")`,
];

const handlers = ["onerror", "onload", "onmouseover", "onfocus", "onclick", "onanimationstart", "onpointerenter", "ontoggle", "onbegin", "onwheel"];
const tags = ["img src=x", "svg", "body", "details open", "video src=x", "input autofocus", "iframe", "a href=#", "div tabindex=0", "marquee"];

/** Every handler on one element each, in rotation: 10 × 10 pairs, half of them with odd spacing or case. */
const handlerGrid = handlers.flatMap((handler, i) =>
  tags.slice(0, 5).map((tag, j) => {
    const element = tags[(i + j * 2) % tags.length];
    const odd = (i + j) % 2 === 1;
    return odd ? `<${element.toUpperCase()}\n${handler.toUpperCase()} = "alert(${200 + i * 5 + j})">` : `<${element} ${handler}=${HIT}>`;
  }),
);

const schemes = ["javascript:", "JAVASCRIPT:", " javascript:", "java\tscript:", "javascript\n:", "vbscript:", "data:text/html,", "data:image/svg+xml,"];

/** The same link in markdown and in HTML form, with each spelling of a dangerous scheme. */
const schemeGrid = schemes.flatMap((scheme, i) => [`[scheme ${i}](${scheme}alert(${260 + i}))`, `<a href="${scheme}alert(${270 + i})">scheme ${i}</a>`, `![scheme ${i}](${scheme}alert(${280 + i}))`]);

export const XSS_CORPUS: string[] = [...rawHtml, ...markdownLinks, ...markdownBlocks, ...encodings, ...malformed, ...contexts, ...handlerGrid, ...schemeGrid];

/** Short payloads that fit a title or a name (link titles, group names, display names). */
export const XSS_SHORT: string[] = [
  `<img src=x onerror=${HIT}>`,
  `"><svg onload=alert(1)>`,
  `<script>alert(2)</script>`,
  `javascript:alert(3)`,
  `{{constructor.constructor('alert(4)')()}}`,
];
