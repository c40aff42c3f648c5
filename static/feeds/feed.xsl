<?xml version="1.0" encoding="utf-8"?>
<!-- A feed (RSS 2.0 or Atom) opened in a browser: a readable page in the
     feed's language that says what a feed is, how to subscribe, and lists the
     cases. The site's stylesheet comes from the feed's own text/css
     xml-stylesheet instruction, so its address is never written here. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:atom="http://www.w3.org/2005/Atom"
                xmlns:dc="http://purl.org/dc/elements/1.1/"
                exclude-result-prefixes="atom dc">
  <xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:variable name="lang">
    <xsl:choose>
      <xsl:when test="/rss/channel/language"><xsl:value-of select="/rss/channel/language"/></xsl:when>
      <xsl:when test="/atom:feed/@xml:lang"><xsl:value-of select="/atom:feed/@xml:lang"/></xsl:when>
      <xsl:otherwise>sv</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="en" select="starts-with($lang, 'en')"/>
  <xsl:variable name="title" select="/rss/channel/title | /atom:feed/atom:title"/>
  <xsl:variable name="self" select="/rss/channel/atom:link[@rel='self']/@href | /atom:feed/atom:link[@rel='self']/@href"/>
  <xsl:variable name="site" select="/rss/channel/link | /atom:feed/atom:link[@rel='alternate']/@href"/>
  <xsl:variable name="css">
    <xsl:for-each select="/processing-instruction('xml-stylesheet')[contains(., 'text/css')]">
      <xsl:value-of select="substring-before(substring-after(., 'href=&quot;'), '&quot;')"/>
    </xsl:for-each>
  </xsl:variable>

  <xsl:template match="/">
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="$title"/></title>
        <xsl:if test="string($css)"><link rel="stylesheet" href="{$css}"/></xsl:if>
      </head>
      <body>
        <header class="site-header">
          <div class="wrap site-header__bar">
            <a class="brand" href="{$site}"><span class="brand__name">Erfarenhetsbanken</span></a>
          </div>
        </header>
        <main id="main" class="wrap feed-page">
          <h1><xsl:value-of select="$title"/></h1>
          <div class="notice feed-page__about">
            <xsl:choose>
              <xsl:when test="$en">
                <h2>This is a feed</h2>
                <p>A feed lets you follow new cases in a feed reader (also called an RSS reader) without visiting the site. The reader checks the feed and shows you what is new.</p>
                <h3>How to subscribe</h3>
                <ol>
                  <li>Copy the address of this page.</li>
                  <li>Add it as a new feed or subscription in your feed reader, for example in Outlook (RSS feeds), Thunderbird, Feedly or Inoreader.</li>
                </ol>
              </xsl:when>
              <xsl:otherwise>
                <h2>Det här är ett flöde</h2>
                <p>Med ett flöde kan du följa nya erfarenheter i en flödesläsare (kallas också RSS-läsare) utan att besöka webbplatsen. Läsaren hämtar flödet och visar dig det som är nytt.</p>
                <h3>Så prenumererar du</h3>
                <ol>
                  <li>Kopiera adressen till den här sidan.</li>
                  <li>Lägg till den som ett nytt flöde eller en ny prenumeration i din flödesläsare, till exempel i Outlook (RSS-flöden), Thunderbird, Feedly eller Inoreader.</li>
                </ol>
              </xsl:otherwise>
            </xsl:choose>
            <xsl:if test="$self">
              <p>
                <strong><xsl:choose><xsl:when test="$en">The feed's address: </xsl:when><xsl:otherwise>Flödets adress: </xsl:otherwise></xsl:choose></strong>
                <code class="feed-page__address"><xsl:value-of select="$self"/></code>
              </p>
            </xsl:if>
            <p>
              <a href="{$site}">
                <xsl:choose><xsl:when test="$en">See these cases on the site</xsl:when><xsl:otherwise>Se erfarenheterna på webbplatsen</xsl:otherwise></xsl:choose>
              </a>
            </p>
          </div>
          <h2>
            <xsl:choose><xsl:when test="$en">In the feed now</xsl:when><xsl:otherwise>I flödet just nu</xsl:otherwise></xsl:choose>
          </h2>
          <xsl:choose>
            <xsl:when test="/rss/channel/item | /atom:feed/atom:entry">
              <ul class="case-list">
                <xsl:apply-templates select="/rss/channel/item | /atom:feed/atom:entry"/>
              </ul>
            </xsl:when>
            <xsl:otherwise>
              <p><xsl:choose><xsl:when test="$en">No cases yet.</xsl:when><xsl:otherwise>Inga erfarenheter ännu.</xsl:otherwise></xsl:choose></p>
            </xsl:otherwise>
          </xsl:choose>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item">
    <li class="case-card">
      <h3 class="case-card__title"><a href="{link}"><xsl:value-of select="title"/></a></h3>
      <p class="case-card__meta">
        <span><xsl:value-of select="dc:creator"/></span>
        <span><xsl:value-of select="substring(pubDate, 6, 11)"/></span>
      </p>
      <p class="case-card__summary"><xsl:value-of select="description"/></p>
    </li>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li class="case-card">
      <h3 class="case-card__title"><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h3>
      <p class="case-card__meta">
        <span><xsl:value-of select="atom:author/atom:name"/></span>
        <span><xsl:value-of select="substring(atom:published, 1, 10)"/></span>
      </p>
      <p class="case-card__summary"><xsl:value-of select="atom:summary"/></p>
    </li>
  </xsl:template>
</xsl:stylesheet>
