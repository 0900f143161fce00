/// The OECD DAC CRS purpose codes a grant for victims of trafficking is most often given, with
/// their names in English and French (the OECD's own lists). A code not listed here is shown
/// as the code alone.
enum SectorNames {
    static let names: [String: (en: String, fr: String)] = [
        "11230": ("Basic life skills for adults", "Compétences de base pour adultes"),
        "11330": ("Vocational training", "Formation professionnelle"),
        "12220": ("Basic health care", "Soins et services de santé de base"),
        "12262": ("Malaria control", "Lutte contre le paludisme"),
        "12340": ("Promotion of mental health and well-being", "Promotion de la santé mentale et du bien-être"),
        "15130": ("Legal and judicial development", "Développement des services légaux et judiciaires"),
        "15160": ("Human rights", "Droits de la personne"),
        "15170": ("Women's rights organisations and movements, and government institutions",
                  "Organisations et mouvements de défense des droits des femmes, et institutions gouvernementales"),
        "15180": ("Ending violence against women and girls", "Lutte contre la violence à l'égard des femmes et des filles"),
        "15190": ("Facilitation of orderly, safe, regular and responsible migration and mobility",
                  "Faciliter une migration et une mobilité ordonnées, sûres, régulières et responsables"),
        "16010": ("Social protection", "Protection sociale"),
        "16015": ("Social services", "Services sociaux"),
        "24040": ("Informal/semi-formal financial intermediaries", "Intermédiaires financiers du secteur informel et semi-formel"),
        "72010": ("Material relief assistance and services", "Assistance matérielle et services d'urgence"),
    ]

    /// `15180 – Ending violence against women and girls`, or the code alone when not listed.
    static func label(_ code: String, _ language: String) -> String {
        guard let names = names[code] else { return code }
        return "\(code) – \(language == "fr" ? names.fr : names.en)"
    }
}
