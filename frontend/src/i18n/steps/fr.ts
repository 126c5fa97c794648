// Ce que dit chaque étape de vérification, par son code du sdk (voir steps/en.ts), en français.
import type { stepsEn, stepTermsEn } from "./en.ts";

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const stepsFr: Widen<typeof stepsEn> = {
  run: {
    "not-reached": "Non vérifié : une étape précédente a déjà décidé du verdict.",
    "budget-exceeded":
      "La vérification « {{step}} » n’a pas abouti dans le délai de {{budget}} (un serveur ou la chaîne était trop lent) : aucun verdict n’a pu être rendu.",
    unexpected: "La vérification s’est arrêtée sur un problème inattendu : {{detail}}",
    "credential-left-out": "L’attestation est absente de ce rapport : {{detail}}.",
    uncoded: "(pas de traduction)",
  },
  fetch: {
    "not-http": "{{document}} se trouve à {{url}}, qui n’est pas une URL http(s) que ce vérificateur peut récupérer.",
    "not-http-target": "{{url}} n’est pas une URL http(s) que ce vérificateur peut récupérer.",
    "no-fetch": "Aucun moyen de récupérer {{document}} n’a été fourni : la vérification n’a pas pu se faire.",
    timeout: "{{document}} à {{url}} n’a pas répondu dans le délai de {{budget}}.",
    failed: "{{document}} à {{url}} n’a pas pu être récupéré ({{detail}}).",
    "http-status": "{{document}} à {{url}} a répondu HTTP {{httpStatus}}.",
    "not-json": "{{document}} à {{url}} n’est pas un document JSON.",
    refused: "{{document}} à {{url}} est refusé : {{detail}}",
    "too-many": "Ce badge ferait récupérer plus de {{max}} documents au vérificateur ; il est refusé avant de récupérer {{url}}.",
    "too-many-redirects": "{{url}} redirige plus de {{max}} fois.",
    "private-host": "{{url}} est refusé : {{detail}}",
    "too-large": "{{document}} à {{url}} dépasse {{max}} octets, la taille maximale d’un document.",
  },
  parse: {
    "file-too-large": "Le fichier fait {{bytes}} octets ; un document de badge en fait au plus {{max}}.",
    "not-utf8": "Le fichier n’est pas du texte UTF-8 valide : ce n’est pas un document de badge.",
    empty: "Les données du badge dans {{source}} sont vides.",
    "too-long": "Les données du badge font {{length}} caractères ; au plus {{max}} sont acceptés.",
    "json-refused": "Les données du badge dans {{source}} sont refusées : {{detail}}",
    "not-json": "Les données du badge dans {{source}} ne sont pas du JSON valide ({{detail}}).",
    "not-object": "Le JSON du badge doit être un objet.",
    "object-refused": "L’objet du badge est refusé : {{detail}}",
    "jws-payload-refused": "Le contenu du JWS dans {{source}} est refusé : {{detail}}",
    "jws-no-payload": "Le JWS dans {{source}} n’a pas de contenu JSON lisible.",
    "vc-not-badge": "C’est une attestation vérifiable, mais pas un Open Badge (son type ne comporte pas OpenBadgeCredential).",
    "not-badge-json": "Ce JSON n’est pas un Open Badge : ce n’est ni une attestation OB 3.0 ni une assertion OB 2.0.",
    "jws-not-badge": "Le contenu du JWS n’est ni une assertion Open Badges 2.0 ni une attestation OB 3.0.",
    "baked-unreadable": "Ce {{format}} n’est pas un badge lisible : {{detail}}",
    "not-badge-file": "Ce fichier n’est pas un badge : attendu un PNG ou SVG avec badge intégré, une attestation JSON ou un JWS.",
    nothing: "Rien à vérifier : donnez un fichier de badge, son JSON, un lien de partage ou l’URL d’un badge hébergé.",
    "not-badge-text": "Ce n’est pas un badge : attendu du JSON, un JWS, un lien de partage ou l’URL https d’un badge hébergé.",
    "read-ob3": "Attestation Open Badges 3.0 lue depuis {{source}}.",
    "read-ob2": "Assertion Open Badges 2.0 lue depuis {{source}}.",
    "read-ob3-jwt": "VC-JWT Open Badges 3.0 lu depuis {{source}}.",
    "read-ob2-jws": "Assertion Open Badges 2.0 signée (JWS) lue depuis {{source}}.",
    "read-hosted-url": "URL d’une assertion hébergée Chancery lue, pour le badge {{uid}} sur la chaîne {{chainId}}.",
    "read-hosted-url-keyed": "URL d’une assertion hébergée Chancery lue, pour le badge {{uid}} sur la chaîne {{chainId}}, avec sa clé.",
    "hosted-answers": "Le serveur de l’émetteur répond pour le badge hébergé à {{url}}.",
    "read-share-link": "Lien de partage Chancery lu pour le badge {{uid}} sur la chaîne {{chainId}}, avec sa clé.",
    "read-share-link-record":
      "Lien de partage Chancery « registre seul » lu pour le badge {{uid}} sur la chaîne {{chainId}} : sans clé, seul ce qu’enregistre la chaîne est vérifié.",
    "read-share-link-credential":
      "Lien « badge complet » Chancery lu pour le badge {{uid}} sur la chaîne {{chainId}} : l’attestation voyage dans le lien lui-même.",
    "link-too-long": "Le lien compte {{length}} caractères ; un lien de badge en compte au plus {{max}}.",
    "link-credential-too-large":
      "Le badge que porte ce lien se décompresse en plus de {{max}} octets, ce dont aucun badge n’a besoin : refusé.",
    "link-credential-damaged":
      "Ce lien « badge complet » est endommagé : le badge qu’il porte est illisible (coupé ou modifié lors d’une copie). Copiez de nouveau le lien en entier.",
    "link-credential-other-badge":
      "L’attestation de ce lien désigne le registre {{registry}} sur la chaîne {{chainId}}, et non celui du lien, {{linkRegistry}} sur la chaîne {{linkChainId}}.",
    "payload-unreadable": "Le badge publié n’a pas pu être lu sur la chaîne {{chainId}} ({{detail}}).",
    "not-published":
      "Ce badge n’a pas été publié sur la chaîne : le lien ne peut pas l’ouvrir. Demandez le fichier du badge à son titulaire.",
    "key-does-not-open": "La clé du lien n’ouvre pas le badge publié sur la chaîne ({{detail}}).",
    "payload-not-json": "Le badge publié sur la chaîne n’est pas du JSON valide.",
    "payload-other-registry":
      "L’attestation publiée pour ce lien désigne le registre {{registry}} sur la chaîne {{chainId}}, et non celui du lien, {{linkRegistry}} sur la chaîne {{linkChainId}}.",
  },
  format: {
    "ob3-ok": "L’attestation suit le modèle de données Open Badges 3.0 et son schéma JSON.",
    "ob3-ok-vc11":
      "L’attestation suit le modèle de données Open Badges 3.0 et son schéma JSON (en attestation VC 1.1 : issuanceDate / expirationDate).",
    "ob3-broken": "L’attestation enfreint les règles Open Badges 3.0 (problèmes : {{count}}) : {{problems}}",
    "ob3-no-context-issuer": "L’attestation n’a pas de @context ou pas d’identifiant d’émetteur.",
    "ob2-ok": "L’assertion suit les règles Open Badges 2.0.",
    "ob2-broken": "L’assertion enfreint les règles Open Badges 2.0 (problèmes : {{count}}) : {{problems}}",
    "hosted-no-https-id": "Une assertion Open Badges 2.0 hébergée doit avoir un identifiant https d’où la récupérer.",
    "host-answers": "Le serveur de l’émetteur répond pour cette assertion.",
    withheld:
      "Contenu non communiqué : le lien ne porte pas de clé (#k=…), le contenu du badge (nom de l’apprenant, détails écrits par l’émetteur) n’a donc pas été lu. Demandez au titulaire le lien complet ou le fichier du badge pour le vérifier.",
    "withheld-not-published":
      "Contenu non communiqué : le lien porte une clé, mais aucun contenu n’a été publié sur la chaîne pour ce badge, qui n’a donc pas été lu. Demandez le fichier du badge à son titulaire.",
  },
  proof: {
    "valid-chain-key": "La signature {{suite}} est valide, faite avec une clé que l’émetteur a enregistrée sur la chaîne.",
    "valid-published-key": "La signature {{suite}} est valide pour la clé publiée par l’émetteur.",
    "chain-keys-unreadable": "Les clés de l’émetteur n’ont pas pu être lues sur la chaîne {{chainId}} ({{detail}}).",
    "key-not-registered": "La preuve est signée avec la clé {{key}}, que son émetteur n’a jamais enregistrée sur la chaîne.",
    "key-not-issuers-chain":
      "La preuve est signée avec une clé de {{controller}}, et non de l’émetteur de l’attestation, {{issuer}}, dont les clés sont enregistrées sur la chaîne.",
    "key-not-issuers": "La preuve est signée avec une clé de {{controller}}, et non de l’émetteur de l’attestation, {{issuer}}.",
    "method-unusable":
      "La méthode de vérification {{method}} de la preuve n’est ni une URL http(s), ni un did:key, ni un did:web : elle ne désigne aucune clé de l’émetteur.",
    "did-web-invalid": "Le did:web de l’émetteur ne peut pas être résolu : {{detail}}",
    "not-verified": "La preuve de l’attestation n’est pas vérifiée : {{detail}}",
    "remote-context": "{{detail}} Cette attestation n’a donc pas pu être vérifiée hors ligne.",
    "json-ld-refused": "Le JSON-LD de l’attestation est refusé : {{detail}}",
    "jwt-not-verified": "La signature du VC-JWT n’est pas vérifiée : {{detail}}",
    "jwt-embedded-key":
      "La signature JWT ({{alg}}) est valide, mais pour une clé portée par le jeton lui-même : rien ne rattache cette clé à l’émetteur.",
    "jwt-valid": "La signature JWT ({{alg}}) est valide pour la clé de l’émetteur {{kid}}.",
    "ob2-no-fetch": "Aucun moyen de récupérer le document de clé de l’émetteur n’a été fourni : la signature n’a pas pu être vérifiée.",
    "jws-not-verified": "La signature JWS n’est pas vérifiée : {{detail}}",
    "signature-missing":
      "Cette assertion se dit signée, mais aucune signature ne l’accompagne : vérifiez le badge intégré ou le JWS plutôt que le JSON seul.",
    "ob2-signature-valid": "La signature RS256 est valide pour une clé que l’émetteur liste dans son profil.",
    "hosted-other-id": "L’assertion hébergée à {{url}} porte un autre identifiant ({{id}}).",
    "no-issuer-profile": "La classe de badge ne désigne aucun profil d’émetteur.",
    "origin-not-allowed": "L’assertion est hébergée sur {{host}}, que le profil de l’émetteur n’autorise pas pour ses badges.",
    "hosted-origin-ok": "Vérification hébergée : l’assertion est servie par {{host}}, une origine que l’émetteur autorise.",
    "hosted-at": "L’assertion est hébergée à {{url}}.",
    "issuer-record-unreadable": "La fiche de l’émetteur n° {{issuerId}} n’a pas pu être lue sur la chaîne {{chainId}} ({{detail}}).",
    "hosted-no-allowed-host":
      "L’assertion hébergée est servie par {{host}}, mais le profil sur la chaîne de l’émetteur n° {{issuerId}} n’autorise aucun hôte à servir ses badges, et ce n’est pas une origine de confiance de ce vérificateur : aucune copie hébergée n’est fiable.",
    "hosted-host-not-allowed":
      "L’assertion hébergée est servie par {{host}}, que le profil sur la chaîne de l’émetteur n° {{issuerId}} n’autorise pas (il autorise {{allowed}}) : c’est une copie sur un autre hôte.",
    "given-altered":
      "Ces champs de l’assertion fournie ne sont pas ceux que la chaîne enregistre pour ce badge ({{count}}) : {{fields}}. Elle a été modifiée.",
    "hosted-altered":
      "Ces champs de l’assertion hébergée à {{url}} ne sont pas ceux que la chaîne enregistre pour ce badge ({{count}}) : {{fields}}. Elle a été modifiée.",
    "hosted-chain-ok":
      "Vérification hébergée : l’assertion est servie par {{host}}, un hôte qu’autorise le profil sur la chaîne de l’émetteur n° {{issuerId}}, et montre ce qu’enregistre la chaîne.",
    "hosted-chain-ok-claim":
      "Vérification hébergée : l’assertion est servie par {{host}}, un hôte qu’autorise le profil sur la chaîne de l’émetteur n° {{issuerId}}, et montre ce qu’enregistre la chaîne. Son destinataire par e-mail (lien de réclamation) est garanti par cette passerelle : vérifiez l’attestation elle-même pour contrôler le destinataire depuis la chaîne.",
    "untrusted-no-rpc":
      "Non vérifié : aucun point d’accès RPC de la chaîne {{chainId}} n’a répondu, et le registre désigné n’est de toute façon pas de confiance.",
    "untrusted-matches":
      "La signature correspond à une clé listée par le registre {{registry}}, auquel ce vérificateur ne fait pas confiance : cela ne prouve rien sur l’émetteur.",
    "untrusted-keys-unreadable":
      "Non vérifié : les clés du registre désigné n’ont pas pu être lues, et ce registre n’est de toute façon pas de confiance.",
    withheld:
      "Contenu non communiqué : la signature de l’émetteur porte sur le contenu du badge, que ce lien n’ouvre pas ; l’enregistrement sur la chaîne a été vérifié à la place.",
  },
  anchor: {
    recorded: "Enregistré sur la chaîne {{chainId}} par le registre {{registry}} le {{issuedAt}} (bloc {{block}}).",
    "recorded-batch":
      "Enregistré sur la chaîne {{chainId}} par le registre {{registry}} le {{issuedAt}} (bloc {{block}}), dans le lot Merkle {{batchId}}.",
    "recorded-hosted": "Enregistré sur la chaîne {{chainId}} par le registre {{registry}} le {{issuedAt}}.",
    "recorded-hosted-batch":
      "Enregistré sur la chaîne {{chainId}} par le registre {{registry}} le {{issuedAt}}, dans le lot Merkle {{batchId}}.",
    "unanchored-proof": "Ce badge n’est pas ancré sur un registre Chancery : c’est un Open Badge authentique, vérifié par sa seule preuve.",
    "unanchored-signature": "Ce badge n’est pas ancré sur un registre Chancery : il est vérifié par sa seule signature.",
    "unanchored-hosted": "Ce badge n’est pas ancré sur un registre Chancery : il est vérifié par la seule vérification hébergée.",
    inconsistent: "L’attestation désigne un ancrage Chancery, mais de façon incohérente : {{detail}}",
    vc11: "L’attestation désigne un registre Chancery mais suit le modèle VC 1.1 ; les badges Chancery sont en VC 2.0.",
    "not-in-batch": "Le badge {{uid}} ne fait pas partie des {{count}} badges du lot {{batchId}}.",
    "batch-root-mismatch": "Les feuilles du lot {{batchId}} ne reconstruisent pas sa racine enregistrée sur la chaîne.",
    "unknown-batch":
      "Le registre {{registry}} sur la chaîne {{chainId}} n’enregistre aucun lot {{batchId}} : il n’y a donc pas de badge {{uid}}.",
    "registry-unreadable": "Le registre {{registry}} sur la chaîne {{chainId}} n’a pas pu être lu ({{detail}}).",
    "recipient-not-wallet":
      "Le destinataire {{recipient}} de l’attestation n’est pas un portefeuille que ce registre peut enregistrer sur la chaîne {{chainId}} : {{detail}}",
    "recipient-other-chain":
      "Le portefeuille du destinataire est donné pour la chaîne {{walletChainId}}, mais le badge est ancré sur la chaîne {{chainId}}.",
    "class-mismatch":
      "La réalisation de l’attestation désigne la classe de badge n° {{namedClassId}} sur la chaîne {{namedChainId}}, mais la chaîne enregistre ce badge sous la classe n° {{classId}} sur la chaîne {{chainId}}.",
    "id-names-other":
      "L’identifiant de l’attestation désigne un autre badge ({{id}}) que celui auquel correspond son contenu ({{uid}}) : elle a été modifiée.",
    "altered-for-link": "L’attestation publiée pour le badge {{expectedUid}} correspond à un autre badge ({{uid}}) : elle a été modifiée.",
    "not-recorded":
      "L’empreinte de cette attestation n’est pas enregistrée par le registre {{registry}} sur la chaîne {{chainId}} : l’émetteur l’a signée sans jamais l’ancrer, ou elle a été ancrée ailleurs.",
    "issuer-mismatch":
      "La chaîne enregistre ce badge pour l’émetteur n° {{recordedIssuerId}}, mais l’attestation désigne l’émetteur n° {{namedIssuerId}}.",
    "hosted-not-found":
      "L’URL désigne le badge {{uid}} sur la chaîne {{chainId}}, mais aucun registre de confiance de ce vérificateur ne l’y enregistre ({{registries}}).",
    "link-not-recorded": "Aucun badge {{uid}} n’est enregistré par le registre {{registry}} sur la chaîne {{chainId}}.",
    "record-not-found":
      "Le registre {{registry}} sur la chaîne {{chainId}} n’a pas de badge {{uid}} : vérifiez que le lien a été copié en entier (un badge d’un lot Merkle a besoin de la partie ?batch=… du lien).",
    "record-not-in-batch":
      "Le registre {{registry}} sur la chaîne {{chainId}} n’a pas de badge {{uid}} dans le lot {{batchId}} : vérifiez que le lien a été copié en entier.",
    "untrusted-registry":
      "Le badge désigne le registre {{registry}} sur la chaîne {{chainId}}, que ce vérificateur ne connaît pas : rien de ce qu’il enregistre ne fait autorité, n’importe qui pouvant déployer un tel registre. Ajoutez-le à vos registres de confiance si vous lui faites confiance.",
    "untrusted-chain":
      "Le badge est servi pour la chaîne {{chainId}}, sur laquelle ce vérificateur ne connaît aucun registre Chancery : rien ne peut s’en porter garant.",
    "no-rpc":
      "Le badge est ancré sur la chaîne {{chainId}}, pour laquelle aucun point d’accès RPC n’est configuré : son statut n’a pas pu être vérifié.",
    "rpc-down":
      "Le point d’accès RPC de la chaîne {{chainId}} n’a pas répondu ({{detail}}) : le statut du badge n’a pas pu être vérifié. Réessayez plus tard.",
    "rpc-wrong-chain": "Le RPC configuré sert la chaîne {{actualChainId}}, mais le badge est ancré sur la chaîne {{chainId}}.",
  },
  issuer: {
    accredited: "L’émetteur n° {{id}}{{name}} est accrédité par l’autorité du registre.",
    "accredited-key":
      "L’émetteur n° {{id}}{{name}} est accrédité par l’autorité du registre. La clé de signature était enregistrée et valide quand le badge a été émis.",
    "self-declared":
      "L’émetteur n° {{id}}{{name}} est enregistré mais auto-déclaré : aucune autorité de registre ne s’en porte garante ; son nom et ses informations n’engagent que lui.",
    "self-declared-key":
      "L’émetteur n° {{id}}{{name}} est enregistré mais auto-déclaré : aucune autorité de registre ne s’en porte garante ; son nom et ses informations n’engagent que lui. La clé de signature était enregistrée et valide quand le badge a été émis.",
    suspended:
      "L’émetteur n° {{id}}{{name}} est suspendu par l’autorité du registre : ses badges ne sont pas fiables tant qu’il n’est pas rétabli.",
    namesake:
      "Le nom « {{name}} » est celui de l’émetteur accrédité n° {{namesakeId}} ; celui-ci est l’émetteur n° {{id}}, {{standing}} : aucune autorité ne le garantit sous ce nom, et il se fait peut-être passer pour « {{namesakeName}} ».",
    "namesake-key":
      "Le nom « {{name}} » est celui de l’émetteur accrédité n° {{namesakeId}} ; celui-ci est l’émetteur n° {{id}}, {{standing}} : aucune autorité ne le garantit sous ce nom, et il se fait peut-être passer pour « {{namesakeName}} ». La clé de signature était enregistrée et valide quand le badge a été émis.",
    unregistered: "L’émetteur n° {{id}} n’est pas enregistré.",
    "key-invalid-at-issue":
      "La clé qui a signé ce badge n’était pas enregistrée pour l’émetteur, ou pas valide, quand le badge a été émis.",
    "namesake-unreadable": "Impossible de savoir si un émetteur accrédité utilise déjà le nom « {{name}} » ({{detail}}).",
    "not-recorded": "La situation de l’émetteur n’est enregistrée que pour les badges ancrés.",
  },
  status: {
    standing: "Non révoqué : le registre indique que ce badge est en vigueur.",
    "standing-list-foreign":
      "Non révoqué : le registre indique que ce badge est en vigueur. Mais sa liste de statut ({{url}}) n’est pas une liste de ce registre : les vérificateurs qui lisent la liste plutôt que la chaîne ne verraient pas une révocation.",
    "standing-list-not-batch":
      "Non révoqué : le registre indique que ce badge est en vigueur. Mais sa liste de statut n’est pas celle de son lot Merkle : les vérificateurs qui lisent la liste plutôt que la chaîne ne verraient pas une révocation.",
    "standing-entry-other":
      "Non révoqué : le registre indique que ce badge est en vigueur. Mais son entrée de liste de statut (classe n° {{classId}}, liste {{list}}, entrée {{entry}}) n’est pas celle que le registre lui a donnée (classe n° {{expectedClassId}}, liste {{expectedList}}, entrée {{expectedEntry}}) : les vérificateurs qui lisent la liste ne verraient pas une révocation.",
    revoked: "Révoqué par l’émetteur le {{revokedAt}}{{reasonCode}}{{reason}}.",
    erased: "Ce badge a été effacé par son émetteur ou son titulaire : il n’est plus communiqué.",
    "revoked-by-host": "Révoqué par l’émetteur{{reason}}.",
    "no-revocation-list": "L’émetteur ne publie pas de liste de révocation, et l’assertion hébergée est en ligne.",
    "revocation-list-listed": "Inscrit comme révoqué dans la liste de révocation de l’émetteur{{reason}}.",
    "not-in-revocation-list": "Absent de la liste de révocation de l’émetteur.",
    "no-status-method": "L’attestation ne déclare aucune méthode de révocation : elle ne peut pas être révoquée.",
    "entry-not-object": "Une entrée credentialStatus n’est pas un objet : le statut de l’attestation n’a pas pu être lu.",
    "method-unknown":
      "La méthode de statut de l’attestation ({{type}}) est inconnue de ce vérificateur : son statut n’a pas pu être vérifié.",
    "revocation-list-no-id": "L’entrée 1EdTechRevocationList de l’attestation n’a pas d’identifiant (l’URL de la liste).",
    "revocation-list-invalid":
      "La liste de révocation de l’émetteur à {{url}} n’est pas une liste de révocation 1EdTech : la révocation n’a pas pu être vérifiée.",
    "entry-no-purpose": "L’entrée {{kind}} n’a pas de statusPurpose : on ignore ce que signifie son bit.",
    "entry-bad-index": "L’index de liste de statut {{index}} n’est pas un nombre entier.",
    "entry-no-url": "L’entrée {{kind}} ne désigne aucune URL de liste de statut (statusListCredential).",
    "entry-bad-size": "Le statusSize {{size}} de l’entrée {{kind}} n’est pas un nombre entier de bits.",
    "entry-size-unsupported":
      "L’entrée {{kind}} utilise des statuts de {{size}} bits ; ce vérificateur en lit au plus {{max}} : son statut n’a pas pu être vérifié.",
    "entry-size-purpose": "Un statut {{purpose}} tient sur un bit, mais cette entrée {{kind}} indique statusSize {{size}}.",
    "messages-missing": "Une entrée de statut à messages doit lister ses valeurs statusMessage (status et message).",
    "message-invalid": "La valeur statusMessage {{item}} n’est pas { status, message } sur {{size}} bits.",
    "index-outside": "L’index {{index}} est en dehors de la liste de statut à {{url}} ({{bits}} bits) : le statut n’a pas pu être lu.",
    "message-unknown":
      "La valeur de statut {{value}} dans la liste {{purpose}} de l’émetteur n’a pas de statusMessage : on ignore ce qu’elle signifie.",
    "revoked-message": "Révoqué selon la liste de révocation de l’émetteur : « {{message}} ».",
    "suspended-message": "Suspendu selon la liste de suspension de l’émetteur : « {{message}} ».",
    "issuer-message": "Message de statut de l’émetteur : « {{message}} ».",
    "list-revoked": "Révoqué : son bit est levé dans la liste de révocation de l’émetteur.",
    "list-not-revoked": "Non révoqué selon la liste de révocation de l’émetteur.",
    "list-suspended": "Suspendu : son bit est levé dans la liste de suspension de l’émetteur. L’émetteur peut lever une suspension.",
    "list-not-suspended": "Non suspendu selon la liste de suspension de l’émetteur.",
    "list-other-set": "Son statut {{purpose}} est levé (sans effet sur la validité).",
    "list-other-clear": "Son statut {{purpose}} n’est pas levé (sans effet sur la validité).",
    "list-not-json": "La liste de statut à {{url}} n’est pas un objet JSON : elle ne peut pas dire si le badge est en vigueur.",
    "list-wrong-type": "La liste de statut à {{url}} n’est pas une {{type}} : elle ne peut pas dire si le badge est en vigueur.",
    "list-no-subject": "La liste de statut à {{url}} n’a pas de sujet {{type}} : elle ne peut pas dire si le badge est en vigueur.",
    "list-wrong-purpose":
      "La liste de statut à {{url}} est une liste {{purposes}}, pas une liste {{purpose}} : elle ne peut pas dire si le badge est en vigueur.",
    "list-no-issuer": "La liste de statut à {{url}} ne désigne aucun émetteur : elle ne peut pas dire si le badge est en vigueur.",
    "list-other-issuer":
      "La liste de statut à {{url}} est émise par {{listIssuer}}, et non par l’émetteur du badge, {{issuer}} : elle ne peut pas dire si le badge est en vigueur.",
    "list-not-yet-valid":
      "La liste de statut à {{url}} n’est pas valide avant le {{validFrom}} : elle ne peut pas dire si le badge est en vigueur.",
    "list-expired":
      "La liste de statut à {{url}} a expiré le {{validUntil}} (liste périmée) : elle ne peut pas dire si le badge est en vigueur.",
    "list-unsigned": "La liste de statut à {{url}} n’est pas signée : elle ne peut pas dire si le badge est en vigueur.",
    "list-no-bits": "La liste de statut à {{url}} n’a pas d’encodedList : elle ne peut pas dire si le badge est en vigueur.",
    "list-signature-invalid":
      "La signature de la liste de statut à {{url}} n’a pas pu être vérifiée ({{detail}}) : elle ne peut pas dire si le badge est en vigueur.",
    "list-bad-base64": "L’encodedList de la liste de statut n’est pas du base64url valide.",
    "list-corrupt": "La liste de statut n’a pas pu être décompressée (corrompue, ou plus de 16 Mio).",
  },
  validity: {
    "valid-until": "Valide jusqu’au {{expiresAt}}.",
    "no-expiry": "Valide, sans date d’expiration.",
    expired: "Expiré le {{expiresAt}}.",
    "not-yet-valid": "Pas encore valide : valide à partir du {{validFrom}}.",
    "not-yet-issued": "Pas encore valide : émis le {{issuedOn}}.",
    "expiry-mismatch":
      "La chaîne enregistre une expiration le {{chainExpiresAt}} pour ce badge, mais l’attestation porte une expiration le {{expiresAt}} : les dates affichées ne seraient pas celles que l’émetteur a ancrées.",
    "expiry-mismatch-chain-none":
      "La chaîne n’enregistre aucune expiration pour ce badge, mais l’attestation porte une expiration le {{expiresAt}} : les dates affichées ne seraient pas celles que l’émetteur a ancrées.",
    "expiry-mismatch-credential-none":
      "La chaîne enregistre une expiration le {{chainExpiresAt}} pour ce badge, mais l’attestation n’en porte pas : les dates affichées ne seraient pas celles que l’émetteur a ancrées.",
  },
  recipient: {
    "none-given": "Aucun destinataire n’a été donné pour comparaison.",
    "matched-email": "Décerné à {{email}}.",
    "matched-wallet": "Décerné au portefeuille {{wallet}}.",
    "matched-both": "Décerné à {{email}} et au portefeuille {{wallet}}.",
    "wallet-not-matched": "Ce badge n’a pas été décerné au portefeuille {{wallet}}.",
    "email-not-matched": "Ce badge n’a pas été décerné à {{email}}.",
    "no-email": "Ce badge ne désigne aucune adresse e-mail : il ne peut pas être comparé à celle donnée.",
    "no-wallet": "Ce badge ne désigne aucun portefeuille : il ne peut pas être comparé à celui donné.",
    "no-email-no-wallet": "Ce badge ne désigne ni adresse e-mail ni portefeuille : il ne peut pas être comparé à ceux donnés.",
    "record-wallet-matched": "Décerné au portefeuille {{wallet}}, celui que le registre enregistre pour ce badge.",
    "record-wallet-not-matched": "Ce badge n’a pas été décerné au portefeuille {{wallet}} : le registre enregistre un autre portefeuille.",
    "record-no-wallet":
      "Le registre n’enregistre aucun portefeuille pour ce badge : il ne peut pas être comparé à celui donné, son destinataire étant dans le contenu non communiqué.",
    "record-email-unchecked":
      "Une adresse e-mail ne peut pas être vérifiée avec un lien sans clé : le destinataire du badge est dans le contenu non communiqué. Demandez au titulaire le lien complet ou le fichier du badge.",
  },
};

export const stepTermsFr: Widen<typeof stepTermsEn> = {
  document: {
    "hosted-badge": "le badge hébergé",
    "hosted-assertion": "l’assertion hébergée",
    "badge-class": "la classe de badge",
    "issuer-profile": "le profil de l’émetteur",
    "revocation-list": "la liste de révocation de l’émetteur",
    "status-list": "la liste de statut",
    "did-document": "le document DID de l’émetteur",
    "controller-document": "le document de contrôleur de l’émetteur",
    "signing-key": "la clé de signature",
    "key-document": "le document de clé de l’émetteur",
  },
  standing: {
    accredited: "accrédité",
    "accredited-other-name": "accrédité sous un autre nom",
    "self-declared": "auto-déclaré",
    suspended: "suspendu",
    unregistered: "non enregistré",
  },
  step: {
    parse: "lecture",
    format: "format",
    proof: "signature",
    anchor: "enregistrement sur la chaîne",
    issuer: "émetteur",
    status: "révocation",
    validity: "validité",
    recipient: "destinataire",
  },
  field: {
    recipient: "destinataire",
    badge: "classe de badge",
    issuedOn: "date d’émission",
    expires: "date d’expiration",
    evidence: "preuves",
    narrative: "récit",
    uid: "uid",
  },
  source: {
    "baked-png": "un PNG avec badge intégré",
    "baked-svg": "un SVG avec badge intégré",
    file: "un fichier",
    text: "le texte",
    object: "un objet JSON",
    "share-link": "le lien de partage",
  },
  reason: {
    unspecified: "non précisé",
    "issued-in-error": "émis par erreur",
    misconduct: "manquement",
    superseded: "remplacé",
    withdrawn: "retiré",
    "key-compromised": "clé compromise",
  },
  named: " (« {{value}} »)",
  quoted: " : « {{value}} »",
  reasoned: " ({{value}})",
};
