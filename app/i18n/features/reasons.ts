// Why a recommendation is what it is, in the merchant's words: the engine's reason codes (app/core/pricing),
// the replenishment plan's figures (app/core/inventory), refused decisions, guardrail names and the plain
// headline of each suggestion. Rendered from code + params by app/i18n/reasons.ts; keys start with "reasons.".
export const en = {
  // ---- Headlines: one plain sentence per suggestion ----
  "reasons.headline.sensitive": "Customers here are price-sensitive: a 1% higher price loses about {pct} of sales.",
  "reasons.headline.moderate":
    "Customers here react moderately to price: a 1% higher price loses about {pct} of sales.",
  "reasons.headline.insensitive":
    "Customers here barely react to price: a 1% higher price loses only about {pct} of sales.",
  "reasons.headline.raise":
    "{sensitivity} A higher price, {price}, should earn about {gain} more over {days, plural, one {# day} other {# days}}.",
  "reasons.headline.lower":
    "{sensitivity} A lower price, {price}, should win enough sales to earn about {gain} more over {days, plural, one {# day} other {# days}}.",
  "reasons.headline.scarce":
    "Stock runs out in about {stockDays, plural, one {# day} other {# days}}, before {until}: a higher price, {price}, earns more from the units you have.",
  "reasons.headline.excess":
    "About {unitsLeft, plural, one {# unit} other {# units}} would still be unsold after {days, plural, one {# day} other {# days}}: a lower price, {price}, sells them before they lose their value.",
  "reasons.headline.reorder":
    "At the expected sales rate you run out around {date}: order {quantity, plural, one {# unit} other {# units}} now to cover the next {days, plural, one {# day} other {# days}}.",
  "reasons.headline.reorderNoDate":
    "Stock will fall below what the next {days, plural, one {# day} other {# days}} need: order {quantity, plural, one {# unit} other {# units}} now.",
  "reasons.headline.reorderCost": "{sentence} The order costs {cost}.",
  // ---- Pricing reasons ----
  "reasons.PRICING.UNIT_COST_MISSING":
    "The unit cost is missing: add it in Shopify to get a price suggestion (Pilotage never assumes a cost of zero).",
  "reasons.PRICING.PRICE_INVALID": "The current price ({price}) is not a positive amount, so no price is suggested.",
  "reasons.PRICING.COST_INVALID": "The unit cost ({cost}) is not a valid amount, so no price is suggested.",
  "reasons.PRICING.DATE_INVALID": "A date in this variant's data ({value}) is not valid, so no price is suggested.",
  "reasons.PRICING.ELASTICITY_INVALID": "How customers react to price could not be measured, so no price is suggested.",
  "reasons.PRICING.COST_ABOVE_PRICE":
    "The unit cost ({cost}) is at or above the price ({price}): every sale loses money.",
  "reasons.PRICING.BELOW_MIN_MARGIN": "The current margin ({margin}) is below your minimum of {minimum}.",
  "reasons.PRICING.OUTSIDE_GUARDRAILS":
    "The current price breaks your limits ({rules}): it has to move between {low} and {high}.",
  "reasons.PRICING.OUTSIDE_GUARDRAILS.kept":
    "The current price breaks your limits ({rules}), but the best allowed price, {price}, would lower expected profit by {cost}: the price is kept for you to review.",
  "reasons.PRICING.GUARDRAILS_INFEASIBLE":
    "No price meets all your limits: {lower} require at least {low}, {upper} allow at most {high}. Review the limits or set the price by hand.",
  "reasons.PRICING.PRICE_NEVER_VARIED":
    "This variant's price has never changed, so its own reaction to price is unknown: Pilotage learns it from {source}.",
  "reasons.PRICING.ELASTICITY":
    "A 1% higher price changes sales by about {pct} (likely between {low} and {high}), learnt mostly from {source}.",
  "reasons.PRICING.ELASTICITY.own":
    "{sentence} This variant's own history ({points, plural, one {# price} other {# prices}} over {days, plural, one {# day} other {# days}}) says {own}.",
  "reasons.PRICING.INELASTIC":
    "Sales barely react to price here: profit rises with the price until one of your limits stops it.",
  "reasons.PRICING.LOW_CONFIDENCE":
    "Moving to {price} would raise profit with a {probability} chance only; you ask for at least {threshold}, so the price stays.",
  "reasons.PRICING.GAIN_TOO_SMALL":
    "The best change (to {price}) would earn only {gain} more, less than {threshold} of current profit: not worth a change.",
  "reasons.PRICING.NO_DEMAND": "No sales are expected in the coming weeks, so a price change cannot be judged.",
  "reasons.PRICING.SEASON.up": "Seasonal demand over the next weeks is {pct} above the last 4 weeks.",
  "reasons.PRICING.SEASON.down": "Seasonal demand over the next weeks is {pct} below the last 4 weeks.",
  "reasons.PRICING.TREND.up": "Underlying demand is growing by {pct} every 4 weeks.",
  "reasons.PRICING.TREND.down": "Underlying demand is shrinking by {pct} every 4 weeks.",
  "reasons.PRICING.PROFIT_MOVE":
    "Moving from {from} to {to} should earn about {gain} more profit over {days, plural, one {# day} other {# days}} ({probability} chance that it pays).",
  "reasons.PRICING.NO_BETTER_PRICE": "No allowed price is expected to earn more than {price}.",
  "reasons.PRICING.STOCK_SCARCE":
    "At the current price the {stock, plural, one {# unit} other {# units}} in stock run out in about {stockDays, plural, one {# day} other {# days}}, before {until}.",
  "reasons.PRICING.STOCK_SCARCE.restock": "the restock in {days, plural, one {# day} other {# days}}",
  "reasons.PRICING.STOCK_SCARCE.horizon": "the end of the next {days, plural, one {# day} other {# days}}",
  "reasons.PRICING.STOCK_EXCESS":
    "{stock, plural, one {# unit is} other {# units are}} in stock or on the way, but only about {demand} are expected to sell in {days, plural, one {# day} other {# days}}: about {unitsLeft} would be left, worth {leftValue} at cost.",
  "reasons.PRICING.STOCK_TRADEOFF":
    "Over {days, plural, one {# day} other {# days}}: keeping the price earns {keepProfit}, leaves {keepUnitsLeft} units worth {keepLeftValue} and costs {keepHoldingCost} to store; at {price} it earns {newProfit}, leaves {newUnitsLeft} units worth {newLeftValue} and costs {newHoldingCost} to store.",
  "reasons.PRICING.STOCK_TRADEOFF.simple":
    "Over {days, plural, one {# day} other {# days}}: keeping the price earns {keepProfit}; {price} earns {newProfit} from the same stock.",
  "reasons.PRICING.KEEP_STOCK":
    "Over {days, plural, one {# day} other {# days}}: keeping the price earns {keepProfit} and leaves {keepUnitsLeft} units worth {keepLeftValue}; {price} would earn {newProfit} and leave {newUnitsLeft} units worth {newLeftValue}.",
  "reasons.PRICING.MARGIN":
    "At {price} the margin is {margin} before fees ({unitMargin} a unit after payment fees and fulfilment).",
  "reasons.PRICING.CUSTOMER_VALUE":
    "{share} of new customers start with this product and bring {value} each later; counted at {weight}, each unit sold carries {perUnit} of future margin.",
  "reasons.PRICING.COOLDOWN":
    "The price changed on {last}: it stays until {until} (you keep {days, plural, one {# day} other {# days}} between two changes).",
  "reasons.PRICING.ROUNDING_NO_FEASIBLE_PRICE":
    "No price with your chosen ending ({ending}) lies between {low} and {high}, and the current price breaks a limit.",
  "reasons.PRICING.OVERSOLD":
    "{units, plural, one {# unit is} other {# units are}} sold but not in stock (oversold): the price is not raised until stock is back.",
  "reasons.source.variant": "this variant's own sales",
  "reasons.source.product": "the other variants of this product",
  "reasons.source.group": "products of the same type",
  "reasons.source.shop": "the whole shop",
  "reasons.source.prior": "a cautious default (no price changes to learn from yet)",
  "reasons.ending.none": "any",
  "reasons.ending.0.99": ".99",
  "reasons.ending.0.95": ".95",
  "reasons.ending.whole": "whole amounts",
  // ---- Guardrails (bounds) ----
  "reasons.bound.MAX_CHANGE": "Largest change per decision",
  "reasons.bound.MIN_MARGIN": "Minimum margin",
  "reasons.bound.UNIT_COST": "Unit cost",
  "reasons.bound.FLOOR": "Lowest price allowed",
  "reasons.bound.CEILING": "Highest price allowed",
  "reasons.bound.OBSERVED_RANGE": "Close to prices already tried",
  "reasons.bound.COMPARE_AT": "Below the compare-at price",
  "reasons.bound.COOLDOWN": "Pause between two changes",
  "reasons.bound.OVERSOLD": "Oversold: no increase",
  "reasons.bound.ROUNDING": "Price ending",
  "reasons.bound.PRICE_POSITIVE": "Positive price",
  "reasons.bound.lower": "{name}: at least {value}",
  "reasons.bound.upper": "{name}: at most {value}",
  "reasons.bound.binding": "{text} (sets this price)",
  // ---- Replenishment figures ----
  "reasons.INVENTORY.POSITION":
    "Stock position: {units, plural, one {# unit} other {# units}} (on hand minus reserved, plus incoming).",
  "reasons.INVENTORY.SAFETY_STOCK":
    "Safety stock of {units, plural, one {# unit} other {# units}}, sized so that {level} of order cycles do not run out.",
  "reasons.INVENTORY.REORDER_POINT":
    "Order when your stock position falls to {units, plural, one {# unit} other {# units}}: expected sales over the {leadDays, plural, one {# day} other {# days}} delivery time plus the safety stock.",
  "reasons.INVENTORY.ORDER_UP_TO":
    "Target: {units, plural, one {# unit} other {# units}}, enough for {days, plural, one {# day} other {# days}} (delivery {leadDays, plural, one {# day} other {# days}} plus {reviewDays, plural, one {# day} other {# days}} until the next review) in {level} of cases.",
  "reasons.INVENTORY.ORDER":
    "Order {quantity, plural, one {# unit} other {# units}} to bring your stock position from {position} up to the target of {target}.",
  "reasons.INVENTORY.ORDER_ROUNDED":
    "Order {quantity, plural, one {# unit} other {# units}} to bring your stock position from {position} up to the target of {target}, rounded up for the minimum order ({moq}) and the case pack ({casePack}).",
  "reasons.INVENTORY.NO_ORDER":
    "No order needed: your stock position ({position}) already covers the target of {target}.",
  "reasons.INVENTORY.STOCKOUT_DATE": "At the expected sales rate you run out on {date}.",
  "reasons.INVENTORY.STOCKOUT_DATE.incoming":
    "At the expected sales rate you run out on {date}, counting the {incoming, plural, one {# unit} other {# units}} on the way.",
  "reasons.INVENTORY.STOCKOUT_NO_DEMAND": "No sales are expected, so no stockout is projected.",
  "reasons.INVENTORY.STOCKOUT_BEYOND":
    "Stock lasts more than {days, plural, one {# day} other {# days}} at the expected sales rate.",
  "reasons.INVENTORY.COVER":
    "Current stock lasts about {days, plural, one {# day} other {# days}} at the expected sales rate.",
  "reasons.INVENTORY.COVER.incoming":
    "Current stock and the units on the way last about {days, plural, one {# day} other {# days}} at the expected sales rate.",
  "reasons.INVENTORY.COVER_NO_DEMAND": "No sales are expected, so cover is not limited by demand.",
  "reasons.INVENTORY.COVER_BEYOND": "More than {days, plural, one {# day} other {# days}} of cover.",
  "reasons.INVENTORY.STOCKOUT_RISK":
    "Without an order now, the chance of running out before the next order could arrive is {risk}.",
  "reasons.INVENTORY.STOCKOUT_RISK_UNKNOWN": "The chance of running out without this order was not computed.",
  "reasons.INVENTORY.LOST_SALES":
    "About {units} of sales are expected to be missed before a new order can arrive in {leadDays, plural, one {# day} other {# days}}.",
  "reasons.INVENTORY.NO_LOST_SALES":
    "No sales are expected to be missed before a new order can arrive in {leadDays, plural, one {# day} other {# days}}.",
  "reasons.INVENTORY.MARGIN_AT_RISK":
    "Missed sales of about {units} before a new order arrives would cost about {amount} of margin.",
  "reasons.INVENTORY.REVENUE_AT_RISK":
    "The unit cost is missing, so margin cannot be computed; about {amount} of sales are at risk.",
  "reasons.INVENTORY.OVERSTOCK": "{units} beyond {days, plural, one {# day} other {# days}} of expected sales.",
  "reasons.INVENTORY.NO_OVERSTOCK": "No stock beyond {days, plural, one {# day} other {# days}} of expected sales.",
  "reasons.INVENTORY.OVERSTOCK_CAPITAL":
    "{amount} is tied up in stock beyond {days, plural, one {# day} other {# days}} of sales.",
  "reasons.INVENTORY.CAPITAL_UNKNOWN": "The unit cost is missing, so the money tied up in stock cannot be computed.",
  "reasons.reorder.moq": "Minimum order: {value}",
  "reasons.reorder.casePack": "Case pack: {value}",
  "reasons.reorder.leadTime": "Delivery time: {days, plural, one {# day} other {# days}} (give or take {sd})",
  "reasons.reorder.serviceLevel": "Service level: {value}",
  // ---- Refused decisions ----
  "reasons.refusal.NOT_POSITIVE": "Enter a price above 0.",
  "reasons.refusal.CENTS": "Enter a price with at most 2 decimals.",
  "reasons.refusal.BOUND.lower": "{price} is below the lowest price your limits allow here ({limit}: {name}).",
  "reasons.refusal.BOUND.upper": "{price} is above the highest price your limits allow here ({limit}: {name}).",
  "reasons.refusal.COST_UNKNOWN":
    "The unit cost is unknown, so the margin floor cannot be checked: approving needs a written reason.",
  "reasons.refusal.BELOW_FLOOR": "{price} is below the margin floor ({floor}): approving needs a written reason.",
  "reasons.refusal.FLOOR_UNREACHABLE":
    "No price reaches the margin floor with these fees: approving needs a written reason.",
  "reasons.refusal.QUANTITY": "Enter a whole number of units between 1 and {max}.",
  "reasons.unknown": "Another reason (code {code}).",
  "reasons.units": "{count, plural, one {# unit} other {# units}}",
  "reasons.chance.above": "over {value}",
  "reasons.chance.below": "under {value}",
} as const;

export const fr: Record<keyof typeof en, string> = {
  "reasons.headline.sensitive":
    "Vos clients sont sensibles au prix : un prix 1 % plus élevé fait perdre environ {pct} des ventes.",
  "reasons.headline.moderate":
    "Vos clients réagissent modérément au prix : un prix 1 % plus élevé fait perdre environ {pct} des ventes.",
  "reasons.headline.insensitive":
    "Vos clients réagissent peu au prix : un prix 1 % plus élevé ne fait perdre qu'environ {pct} des ventes.",
  "reasons.headline.raise":
    "{sensitivity} Un prix plus haut, {price}, devrait rapporter environ {gain} de plus sur {days, plural, one {# jour} other {# jours}}.",
  "reasons.headline.lower":
    "{sensitivity} Un prix plus bas, {price}, devrait gagner assez de ventes pour rapporter environ {gain} de plus sur {days, plural, one {# jour} other {# jours}}.",
  "reasons.headline.scarce":
    "Le stock s'épuise dans environ {stockDays, plural, one {# jour} other {# jours}}, avant {until} : un prix plus haut, {price}, tire davantage des unités qui restent.",
  "reasons.headline.excess":
    "Environ {unitsLeft, plural, one {# unité resterait invendue} other {# unités resteraient invendues}} après {days, plural, one {# jour} other {# jours}} : un prix plus bas, {price}, les écoule avant qu'elles ne perdent leur valeur.",
  "reasons.headline.reorder":
    "Au rythme de ventes attendu, vous serez en rupture vers le {date} : commandez {quantity, plural, one {# unité} other {# unités}} maintenant pour couvrir les {days, plural, one {# prochain jour} other {# prochains jours}}.",
  "reasons.headline.reorderNoDate":
    "Le stock va passer sous ce qu'exigent les {days, plural, one {# prochain jour} other {# prochains jours}} : commandez {quantity, plural, one {# unité} other {# unités}} maintenant.",
  "reasons.headline.reorderCost": "{sentence} La commande coûte {cost}.",
  "reasons.PRICING.UNIT_COST_MISSING":
    "Le coût unitaire manque : saisissez-le dans Shopify pour obtenir une suggestion de prix (Pilotage ne suppose jamais un coût nul).",
  "reasons.PRICING.PRICE_INVALID": "Le prix actuel ({price}) n'est pas un montant positif : aucun prix n'est suggéré.",
  "reasons.PRICING.COST_INVALID": "Le coût unitaire ({cost}) n'est pas un montant valide : aucun prix n'est suggéré.",
  "reasons.PRICING.DATE_INVALID":
    "Une date des données de cette variante ({value}) n'est pas valide : aucun prix n'est suggéré.",
  "reasons.PRICING.ELASTICITY_INVALID":
    "La réaction des clients au prix n'a pas pu être mesurée : aucun prix n'est suggéré.",
  "reasons.PRICING.COST_ABOVE_PRICE":
    "Le coût unitaire ({cost}) atteint ou dépasse le prix ({price}) : chaque vente fait perdre de l'argent.",
  "reasons.PRICING.BELOW_MIN_MARGIN": "La marge actuelle ({margin}) est sous votre minimum de {minimum}.",
  "reasons.PRICING.OUTSIDE_GUARDRAILS":
    "Le prix actuel enfreint vos limites ({rules}) : il doit passer entre {low} et {high}.",
  "reasons.PRICING.OUTSIDE_GUARDRAILS.kept":
    "Le prix actuel enfreint vos limites ({rules}), mais le meilleur prix autorisé, {price}, ferait baisser la marge attendue de {cost} : le prix est gardé pour que vous le revoyiez.",
  "reasons.PRICING.GUARDRAILS_INFEASIBLE":
    "Aucun prix ne respecte toutes vos limites : {lower} imposent au moins {low}, {upper} autorisent au plus {high}. Revoyez les limites ou fixez le prix à la main.",
  "reasons.PRICING.PRICE_NEVER_VARIED":
    "Le prix de cette variante n'a jamais changé : sa propre réaction au prix est inconnue, Pilotage l'apprend à partir {source}.",
  "reasons.PRICING.ELASTICITY":
    "Un prix 1 % plus élevé change les ventes d'environ {pct} (probablement entre {low} et {high}), appris surtout à partir {source}.",
  "reasons.PRICING.ELASTICITY.own":
    "{sentence} L'historique propre de cette variante ({points, plural, one {# prix} other {# prix}} sur {days, plural, one {# jour} other {# jours}}) indique {own}.",
  "reasons.PRICING.INELASTIC":
    "Les ventes réagissent peu au prix ici : la marge monte avec le prix jusqu'à ce qu'une de vos limites l'arrête.",
  "reasons.PRICING.LOW_CONFIDENCE":
    "Passer à {price} n'augmenterait la marge qu'avec {probability} de chances ; vous demandez au moins {threshold}, le prix reste donc inchangé.",
  "reasons.PRICING.GAIN_TOO_SMALL":
    "Le meilleur changement (à {price}) ne rapporterait que {gain} de plus, moins de {threshold} de la marge actuelle : cela ne vaut pas un changement.",
  "reasons.PRICING.NO_DEMAND":
    "Aucune vente n'est attendue dans les semaines à venir : un changement de prix ne peut pas être évalué.",
  "reasons.PRICING.SEASON.up":
    "La demande saisonnière des prochaines semaines est supérieure de {pct} aux 4 dernières semaines.",
  "reasons.PRICING.SEASON.down":
    "La demande saisonnière des prochaines semaines est inférieure de {pct} aux 4 dernières semaines.",
  "reasons.PRICING.TREND.up": "La demande de fond progresse de {pct} toutes les 4 semaines.",
  "reasons.PRICING.TREND.down": "La demande de fond recule de {pct} toutes les 4 semaines.",
  "reasons.PRICING.PROFIT_MOVE":
    "Passer de {from} à {to} devrait rapporter environ {gain} de marge en plus sur {days, plural, one {# jour} other {# jours}} ({probability} de chances que ce soit rentable).",
  "reasons.PRICING.NO_BETTER_PRICE": "Aucun prix autorisé ne devrait rapporter plus que {price}.",
  "reasons.PRICING.STOCK_SCARCE":
    "Au prix actuel, les {stock, plural, one {# unité} other {# unités}} en stock s'épuisent dans environ {stockDays, plural, one {# jour} other {# jours}}, avant {until}.",
  "reasons.PRICING.STOCK_SCARCE.restock": "le réassort prévu dans {days, plural, one {# jour} other {# jours}}",
  "reasons.PRICING.STOCK_SCARCE.horizon": "la fin des {days, plural, one {# prochain jour} other {# prochains jours}}",
  "reasons.PRICING.STOCK_EXCESS":
    "{stock, plural, one {# unité est} other {# unités sont}} en stock ou en route, mais seulement {demand} environ devraient se vendre en {days, plural, one {# jour} other {# jours}} : il en resterait environ {unitsLeft}, valant {leftValue} au coût.",
  "reasons.PRICING.STOCK_TRADEOFF":
    "Sur {days, plural, one {# jour} other {# jours}} : garder le prix rapporte {keepProfit}, laisse {keepUnitsLeft} unités valant {keepLeftValue} et coûte {keepHoldingCost} de stockage ; à {price}, la marge est de {newProfit}, il reste {newUnitsLeft} unités valant {newLeftValue} et le stockage coûte {newHoldingCost}.",
  "reasons.PRICING.STOCK_TRADEOFF.simple":
    "Sur {days, plural, one {# jour} other {# jours}} : garder le prix rapporte {keepProfit} ; {price} rapporte {newProfit} avec le même stock.",
  "reasons.PRICING.KEEP_STOCK":
    "Sur {days, plural, one {# jour} other {# jours}} : garder le prix rapporte {keepProfit} et laisse {keepUnitsLeft} unités valant {keepLeftValue} ; {price} rapporterait {newProfit} et laisserait {newUnitsLeft} unités valant {newLeftValue}.",
  "reasons.PRICING.MARGIN":
    "À {price}, la marge est de {margin} avant frais ({unitMargin} par unité après frais de paiement et préparation).",
  "reasons.PRICING.CUSTOMER_VALUE":
    "{share} des nouveaux clients commencent par ce produit et rapportent ensuite {value} chacun ; compté à {weight}, chaque unité vendue porte {perUnit} de marge future.",
  "reasons.PRICING.COOLDOWN":
    "Le prix a changé le {last} : il reste en place jusqu'au {until} (vous laissez {days, plural, one {# jour} other {# jours}} entre deux changements).",
  "reasons.PRICING.ROUNDING_NO_FEASIBLE_PRICE":
    "Aucun prix avec la terminaison choisie ({ending}) ne se situe entre {low} et {high}, et le prix actuel enfreint une limite.",
  "reasons.PRICING.OVERSOLD":
    "{units, plural, one {# unité est vendue} other {# unités sont vendues}} sans être en stock (survente) : le prix n'est pas augmenté avant le retour du stock.",
  "reasons.source.variant": "des ventes de cette variante",
  "reasons.source.product": "des autres variantes de ce produit",
  "reasons.source.group": "des produits du même type",
  "reasons.source.shop": "de l'ensemble de la boutique",
  "reasons.source.prior": "d'une valeur prudente par défaut (aucun changement de prix dont apprendre pour l'instant)",
  "reasons.ending.none": "libre",
  "reasons.ending.0.99": ",99",
  "reasons.ending.0.95": ",95",
  "reasons.ending.whole": "montants ronds",
  "reasons.bound.MAX_CHANGE": "Variation maximale par décision",
  "reasons.bound.MIN_MARGIN": "Marge minimale",
  "reasons.bound.UNIT_COST": "Coût unitaire",
  "reasons.bound.FLOOR": "Prix le plus bas autorisé",
  "reasons.bound.CEILING": "Prix le plus haut autorisé",
  "reasons.bound.OBSERVED_RANGE": "Proche des prix déjà pratiqués",
  "reasons.bound.COMPARE_AT": "Sous le prix barré",
  "reasons.bound.COOLDOWN": "Pause entre deux changements",
  "reasons.bound.OVERSOLD": "Survente : pas de hausse",
  "reasons.bound.ROUNDING": "Terminaison du prix",
  "reasons.bound.PRICE_POSITIVE": "Prix positif",
  "reasons.bound.lower": "{name} : au moins {value}",
  "reasons.bound.upper": "{name} : au plus {value}",
  "reasons.bound.binding": "{text} (fixe ce prix)",
  "reasons.INVENTORY.POSITION":
    "Position de stock : {units, plural, one {# unité} other {# unités}} (en stock moins réservé, plus en arrivage).",
  "reasons.INVENTORY.SAFETY_STOCK":
    "Stock de sécurité de {units, plural, one {# unité} other {# unités}}, dimensionné pour que {level} des cycles de commande évitent la rupture.",
  "reasons.INVENTORY.REORDER_POINT":
    "Commandez quand votre position de stock descend à {units, plural, one {# unité} other {# unités}} : les ventes attendues pendant les {leadDays, plural, one {# jour} other {# jours}} de livraison, plus le stock de sécurité.",
  "reasons.INVENTORY.ORDER_UP_TO":
    "Objectif : {units, plural, one {# unité} other {# unités}}, de quoi couvrir {days, plural, one {# jour} other {# jours}} (livraison {leadDays, plural, one {# jour} other {# jours}} plus {reviewDays, plural, one {# jour} other {# jours}} jusqu'à la prochaine revue) dans {level} des cas.",
  "reasons.INVENTORY.ORDER":
    "Commandez {quantity, plural, one {# unité} other {# unités}} pour porter votre position de stock de {position} à l'objectif de {target}.",
  "reasons.INVENTORY.ORDER_ROUNDED":
    "Commandez {quantity, plural, one {# unité} other {# unités}} pour porter votre position de stock de {position} à l'objectif de {target}, arrondi au minimum de commande ({moq}) et au colisage ({casePack}).",
  "reasons.INVENTORY.NO_ORDER":
    "Pas de commande nécessaire : votre position de stock ({position}) couvre déjà l'objectif de {target}.",
  "reasons.INVENTORY.STOCKOUT_DATE": "Au rythme de ventes attendu, vous serez en rupture le {date}.",
  "reasons.INVENTORY.STOCKOUT_DATE.incoming":
    "Au rythme de ventes attendu, vous serez en rupture le {date}, en comptant {incoming, plural, one {l'unité} other {les # unités}} en route.",
  "reasons.INVENTORY.STOCKOUT_NO_DEMAND": "Aucune vente n'est attendue : aucune rupture n'est prévue.",
  "reasons.INVENTORY.STOCKOUT_BEYOND":
    "Le stock dure plus de {days, plural, one {# jour} other {# jours}} au rythme de ventes attendu.",
  "reasons.INVENTORY.COVER":
    "Le stock actuel dure environ {days, plural, one {# jour} other {# jours}} au rythme de ventes attendu.",
  "reasons.INVENTORY.COVER.incoming":
    "Le stock actuel et les unités en route durent environ {days, plural, one {# jour} other {# jours}} au rythme de ventes attendu.",
  "reasons.INVENTORY.COVER_NO_DEMAND": "Aucune vente n'est attendue : la couverture n'est pas limitée par la demande.",
  "reasons.INVENTORY.COVER_BEYOND": "Plus de {days, plural, one {# jour} other {# jours}} de couverture.",
  "reasons.INVENTORY.STOCKOUT_RISK":
    "Sans commande maintenant, le risque de rupture avant l'arrivée de la prochaine commande est de {risk}.",
  "reasons.INVENTORY.STOCKOUT_RISK_UNKNOWN": "Le risque de rupture sans cette commande n'a pas été calculé.",
  "reasons.INVENTORY.LOST_SALES":
    "Environ {units} de ventes devraient être manquées avant qu'une nouvelle commande arrive, dans {leadDays, plural, one {# jour} other {# jours}}.",
  "reasons.INVENTORY.NO_LOST_SALES":
    "Aucune vente ne devrait être manquée avant qu'une nouvelle commande arrive, dans {leadDays, plural, one {# jour} other {# jours}}.",
  "reasons.INVENTORY.MARGIN_AT_RISK":
    "Environ {units} de ventes manquées avant l'arrivée d'une nouvelle commande coûteraient environ {amount} de marge.",
  "reasons.INVENTORY.REVENUE_AT_RISK":
    "Le coût unitaire manque, la marge ne peut pas être calculée ; environ {amount} de ventes sont en jeu.",
  "reasons.INVENTORY.OVERSTOCK": "{units} au-delà de {days, plural, one {# jour} other {# jours}} de ventes attendues.",
  "reasons.INVENTORY.NO_OVERSTOCK":
    "Pas de stock au-delà de {days, plural, one {# jour} other {# jours}} de ventes attendues.",
  "reasons.INVENTORY.OVERSTOCK_CAPITAL":
    "{amount} sont immobilisés dans du stock au-delà de {days, plural, one {# jour} other {# jours}} de ventes.",
  "reasons.INVENTORY.CAPITAL_UNKNOWN":
    "Le coût unitaire manque : l'argent immobilisé dans le stock ne peut pas être calculé.",
  "reasons.reorder.moq": "Minimum de commande : {value}",
  "reasons.reorder.casePack": "Colisage : {value}",
  "reasons.reorder.leadTime": "Délai de livraison : {days, plural, one {# jour} other {# jours}} (à {sd} près)",
  "reasons.reorder.serviceLevel": "Niveau de service : {value}",
  "reasons.refusal.NOT_POSITIVE": "Saisissez un prix supérieur à 0.",
  "reasons.refusal.CENTS": "Saisissez un prix avec au plus 2 décimales.",
  "reasons.refusal.BOUND.lower":
    "{price} est sous le prix le plus bas que vos limites autorisent ici ({limit} : {name}).",
  "reasons.refusal.BOUND.upper":
    "{price} dépasse le prix le plus haut que vos limites autorisent ici ({limit} : {name}).",
  "reasons.refusal.COST_UNKNOWN":
    "Le coût unitaire est inconnu, le plancher de marge ne peut pas être vérifié : l'approbation demande un motif écrit.",
  "reasons.refusal.BELOW_FLOOR":
    "{price} est sous le plancher de marge ({floor}) : l'approbation demande un motif écrit.",
  "reasons.refusal.FLOOR_UNREACHABLE":
    "Aucun prix n'atteint le plancher de marge avec ces frais : l'approbation demande un motif écrit.",
  "reasons.refusal.QUANTITY": "Saisissez un nombre entier d'unités entre 1 et {max}.",
  "reasons.unknown": "Autre raison (code {code}).",
  "reasons.units": "{count, plural, one {# unité} other {# unités}}",
  "reasons.chance.above": "plus de {value}",
  "reasons.chance.below": "moins de {value}",
};
